// The engine's tables; one subclass per provider carries that provider's migrations.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Approvals.Workflows.Persistence;

public abstract class WorkflowDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<DefinitionRecord> Definitions => Set<DefinitionRecord>();

    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();

    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();

    public DbSet<HumanTask> HumanTasks => Set<HumanTask>();

    public DbSet<WorkflowTimer> Timers => Set<WorkflowTimer>();

    public DbSet<JournalEntry> Journal => Set<JournalEntry>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public DbSet<JournalAuditState> JournalAudit => Set<JournalAuditState>();

    public DbSet<JournalBreak> JournalBreaks => Set<JournalBreak>();

    public DbSet<CalendarOverride> CalendarOverrides => Set<CalendarOverride>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<ReferenceList> ReferenceLists => Set<ReferenceList>();

    public DbSet<ReferenceItem> ReferenceItems => Set<ReferenceItem>();

    public DbSet<RegistryRecord> Registry => Set<RegistryRecord>();

    /// <summary>How instants and ids are stored; the host's own context stores them the same way.</summary>
    public static void ConfigureSharedConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every stored instant is UTC; SQLite hands DateTime back unspecified, PostgreSQL insists on UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
        configurationBuilder.Properties<InstanceId>().HaveConversion<InstanceIdConverter>();
        configurationBuilder.Properties<TaskId>().HaveConversion<TaskIdConverter>();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ConfigureSharedConventions(configurationBuilder);
        configurationBuilder.Properties<BookmarkId>().HaveConversion<BookmarkIdConverter>();
        configurationBuilder.Properties<TimerId>().HaveConversion<TimerIdConverter>();
        configurationBuilder.Properties<IncidentId>().HaveConversion<IncidentIdConverter>();
        configurationBuilder.Properties<InstanceStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<HumanTaskStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TimerState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TimerPurpose>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DefinitionRecord>(e =>
        {
            e.ToTable("wf_definitions");
            e.Property(d => d.DefinitionId).HasMaxLength(100);
            e.Property(d => d.Name).HasMaxLength(200);
            e.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
        });

        modelBuilder.Entity<WorkflowInstance>(e =>
        {
            e.ToTable("wf_instances");
            e.Property(i => i.DefinitionId).HasMaxLength(100);
            e.Property(i => i.Title).HasMaxLength(300);
            e.Property(i => i.InitiatorUserId).HasMaxLength(100);
            e.Property(i => i.InitiatorOrgId).HasMaxLength(100);
            e.Property(i => i.JournalHash).HasMaxLength(64);
            e.Property(i => i.Version).IsConcurrencyToken();
            e.HasIndex(i => new { i.InitiatorOrgId, i.CreatedAt });
            e.HasIndex(i => new { i.InitiatorUserId, i.CreatedAt });
            e.HasIndex(i => new { i.Status, i.UpdatedAt });
            e.HasIndex(i => i.DefinitionRecordId);
            e.HasIndex(i => i.ParentInstanceId);
        });

        modelBuilder.Entity<Bookmark>(e =>
        {
            e.ToTable("wf_bookmarks");
            e.Property(b => b.NodeId).HasMaxLength(100);
            e.Property(b => b.Kind).HasMaxLength(32);
            e.HasIndex(b => b.InstanceId);
        });

        modelBuilder.Entity<HumanTask>(e =>
        {
            e.ToTable("wf_tasks");
            e.Property(t => t.DefinitionId).HasMaxLength(100);
            e.Property(t => t.NodeId).HasMaxLength(100);
            e.Property(t => t.Title).HasMaxLength(300);
            e.Property(t => t.Kind).HasMaxLength(32);
            e.Property(t => t.AssigneeRole).HasMaxLength(64);
            e.Property(t => t.AssigneeOrgId).HasMaxLength(100);
            e.Property(t => t.AssigneeUserId).HasMaxLength(100);
            e.Property(t => t.Outcome).HasMaxLength(64);
            e.Property(t => t.CompletedBy).HasMaxLength(100);
            e.Property(t => t.EscalatedToOrgId).HasMaxLength(100);
            e.Property(t => t.DelegatedToUserId).HasMaxLength(100);
            e.Property(t => t.OwnerUserId).HasMaxLength(100);
            e.HasIndex(t => t.InstanceId);
            e.HasIndex(t => t.BookmarkId);
            e.HasIndex(t => new { t.AssigneeOrgId, t.AssigneeRole, t.Status, t.CreatedAt });
            e.HasIndex(t => new { t.AssigneeUserId, t.Status, t.CreatedAt });
            e.HasIndex(t => new { t.Status, t.DueAt });
            e.HasIndex(t => new { t.EscalatedToOrgId, t.Status });
            e.HasIndex(t => new { t.CompletedBy, t.CompletedAt });
            // 已办 in its default order: a reviewer's tens of thousands of finished tasks counted from the index and
            // their first page read in order, instead of every one fetched and sorted.
            e.HasIndex(t => new { t.CompletedBy, t.Status, t.CreatedAt });
            e.HasIndex(t => new { t.DelegatedToUserId, t.Status });
            // 待办 of a role: only the open tasks waiting for anyone of that role and organisation, in arrival order, so a
            // province reviewer's first page is read in order from tens of thousands and their count from the index
            // alone (1 M cases: 39,648 open tasks on 35,451 heap pages, each fetched to sort them for twenty).
            e.HasIndex(t => new { t.AssigneeOrgId, t.AssigneeRole, t.CreatedAt, t.Id })
                .HasDatabaseName("IX_wf_tasks_OpenForRole")
                .HasFilter("\"Status\" = 'Open' AND \"DelegatedToUserId\" IS NULL AND \"AssigneeUserId\" IS NULL");
        });

        modelBuilder.Entity<WorkflowTimer>(e =>
        {
            e.ToTable("wf_timers");
            e.Property(t => t.NodeId).HasMaxLength(100);
            e.HasIndex(t => new { t.State, t.DueAt });
            e.HasIndex(t => t.BookmarkId);
            e.HasIndex(t => t.InstanceId);
        });

        modelBuilder.Entity<JournalEntry>(e =>
        {
            e.ToTable("wf_journal");
            e.Property(j => j.Kind).HasMaxLength(32);
            e.Property(j => j.NodeId).HasMaxLength(100);
            e.Property(j => j.Actor).HasMaxLength(100);
            e.Property(j => j.PreviousHash).HasMaxLength(64);
            e.Property(j => j.Hash).HasMaxLength(64);
            e.HasIndex(j => new { j.InstanceId, j.Sequence }).IsUnique();
        });

        modelBuilder.Entity<JournalAuditState>(e =>
        {
            e.ToTable("wf_journal_audit");
            e.Property(a => a.Id).ValueGeneratedNever();
        });

        modelBuilder.Entity<JournalBreak>(e =>
        {
            e.ToTable("wf_journal_breaks");
            e.HasKey(b => b.InstanceId);
            e.Property(b => b.Problem).HasMaxLength(500);
            e.HasIndex(b => b.DetectedAt);
        });

        modelBuilder.Entity<Incident>(e =>
        {
            e.ToTable("wf_incidents");
            e.Property(i => i.NodeId).HasMaxLength(100);
            e.Property(i => i.Message).HasMaxLength(2000);
            e.Property(i => i.ResolvedBy).HasMaxLength(100);
            e.HasIndex(i => i.InstanceId);
        });

        modelBuilder.Entity<CalendarOverride>(e =>
        {
            e.ToTable("wf_calendar_overrides");
            e.HasKey(c => c.Date);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.CreatedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("wf_outbox");
            e.Property(m => m.Kind).HasMaxLength(32);
            e.Property(m => m.RecipientUserId).HasMaxLength(100);
            e.Property(m => m.RecipientOrgId).HasMaxLength(100);
            e.Property(m => m.RecipientRole).HasMaxLength(64);
            e.HasIndex(m => new { m.ProcessedAt, m.Id });
        });

        modelBuilder.Entity<ReferenceList>(e =>
        {
            e.ToTable("wf_reference_lists");
            e.Property(l => l.Id).HasMaxLength(64);
            e.Property(l => l.Name).HasMaxLength(100);
            e.Property(l => l.Description).HasMaxLength(500);
            e.Property(l => l.UpdatedBy).HasMaxLength(100);
        });

        modelBuilder.Entity<ReferenceItem>(e =>
        {
            e.ToTable("wf_reference_items");
            e.HasKey(i => new { i.ListId, i.Code });
            e.Property(i => i.ListId).HasMaxLength(64);
            e.Property(i => i.Code).HasMaxLength(32);
            e.Property(i => i.Name).HasMaxLength(200);
            e.HasOne<ReferenceList>().WithMany().HasForeignKey(i => i.ListId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RegistryRecord>(e =>
        {
            e.ToTable("wf_registry");
            e.Property(r => r.Collection).HasMaxLength(64);
            e.Property(r => r.OrgId).HasMaxLength(100);
            e.Property(r => r.Key).HasMaxLength(64);
            e.Property(r => r.Name).HasMaxLength(200);
            e.Property(r => r.Status).HasMaxLength(32);
            e.HasIndex(r => new { r.Collection, r.OrgId, r.Key }).IsUnique();
        });
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));

    private sealed class InstanceIdConverter() : ValueConverter<InstanceId, Guid>(v => v.Value, v => new InstanceId(v));

    private sealed class BookmarkIdConverter() : ValueConverter<BookmarkId, Guid>(v => v.Value, v => new BookmarkId(v));

    private sealed class TaskIdConverter() : ValueConverter<TaskId, Guid>(v => v.Value, v => new TaskId(v));

    private sealed class TimerIdConverter() : ValueConverter<TimerId, Guid>(v => v.Value, v => new TimerId(v));

    private sealed class IncidentIdConverter() : ValueConverter<IncidentId, Guid>(v => v.Value, v => new IncidentId(v));
}

public sealed class SqliteWorkflowDbContext(DbContextOptions<SqliteWorkflowDbContext> options) : WorkflowDbContext(options);

public sealed class PostgresWorkflowDbContext(DbContextOptions<PostgresWorkflowDbContext> options) : WorkflowDbContext(options);
