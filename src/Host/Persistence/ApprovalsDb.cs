// The host's own tables beside the engine's, in the same database: users and roles (Identity), the organisation
// tree, notifications and their mail outbox, attachments, definition drafts, copies (抄送), the audit log and the
// data-protection keys.
using Approvals.Host.Features.Attachments;
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Cases;
using Approvals.Host.Features.Definitions;
using Approvals.Host.Features.Notifications;
using Approvals.Host.Features.Organizations;
using Approvals.Workflows.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Approvals.Host.Persistence;

public abstract class ApprovalsDb(DbContextOptions options) : IdentityDbContext<User, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>The engine keeps its own migrations history; the host's is separate so each side migrates alone.</summary>
    public const string MigrationsHistoryTable = "__app_migrations";

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<MailMessage> Mails => Set<MailMessage>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<DefinitionDraft> DefinitionDrafts => Set<DefinitionDraft>();

    public DbSet<CaseCopy> CaseCopies => Set<CaseCopy>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    /// <summary>The cookie and antiforgery keys, shared by every node so a sign-in on one is valid on all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        WorkflowDbContext.ConfigureSharedConventions(configurationBuilder);
        configurationBuilder.Properties<OrganizationKind>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<SchoolType>().HaveConversion<string>().HaveMaxLength(24);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<User>(e =>
        {
            e.ToTable("app_users");
            e.Property(u => u.DisplayName).HasMaxLength(50);
            e.Property(u => u.OrgId).HasMaxLength(100);
            e.HasIndex(u => u.OrgId);
        });
        builder.Entity<IdentityRole>().ToTable("app_roles");
        builder.Entity<DataProtectionKey>().ToTable("app_data_protection_keys");
        builder.Entity<IdentityUserRole<string>>().ToTable("app_user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("app_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("app_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("app_user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("app_role_claims");

        builder.Entity<Organization>(e =>
        {
            e.ToTable("app_organizations");
            e.Property(o => o.Id).HasMaxLength(100);
            e.Property(o => o.Name).HasMaxLength(100);
            e.Property(o => o.ParentId).HasMaxLength(100);
            e.Property(o => o.Path).HasMaxLength(500);
            e.HasIndex(o => o.Path);
            e.HasIndex(o => o.ParentId);
        });

        builder.Entity<Notification>(e =>
        {
            e.ToTable("app_notifications");
            e.Property(n => n.UserId).HasMaxLength(100);
            e.Property(n => n.Kind).HasMaxLength(32);
            e.Property(n => n.Title).HasMaxLength(300);
            e.Property(n => n.Body).HasMaxLength(2000);
            e.Property(n => n.SourceKey).HasMaxLength(100);
            e.HasIndex(n => new { n.UserId, n.ReadAt, n.Id });
            e.HasIndex(n => new { n.UserId, n.SourceKey }).IsUnique();
        });

        builder.Entity<MailMessage>(e =>
        {
            e.ToTable("app_mail_outbox");
            e.Property(m => m.To).HasMaxLength(200);
            e.Property(m => m.Subject).HasMaxLength(300);
            e.Property(m => m.LastError).HasMaxLength(1000);
            e.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        });

        builder.Entity<Attachment>(e =>
        {
            e.ToTable("app_attachments");
            e.Property(a => a.OrgId).HasMaxLength(100);
            e.Property(a => a.UploadedBy).HasMaxLength(100);
            e.Property(a => a.FileName).HasMaxLength(255);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.HasIndex(a => a.CaseId);
        });

        builder.Entity<DefinitionDraft>(e =>
        {
            e.ToTable("app_definition_drafts");
            e.HasKey(d => d.DefinitionId);
            e.Property(d => d.DefinitionId).HasMaxLength(100);
            e.Property(d => d.Name).HasMaxLength(200);
            e.Property(d => d.UpdatedBy).HasMaxLength(100);
        });

        builder.Entity<CaseCopy>(e =>
        {
            e.ToTable("app_case_copies");
            e.Property(c => c.UserId).HasMaxLength(100);
            e.Property(c => c.CopiedBy).HasMaxLength(100);
            e.HasIndex(c => new { c.CaseId, c.UserId }).IsUnique();
            e.HasIndex(c => new { c.UserId, c.CreatedAt });
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("app_audit");
            e.Property(a => a.UserId).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.Target).HasMaxLength(200);
            e.HasIndex(a => a.At);
        });
    }
}

public sealed class SqliteApprovalsDb(DbContextOptions<SqliteApprovalsDb> options) : ApprovalsDb(options);

public sealed class PostgresApprovalsDb(DbContextOptions<PostgresApprovalsDb> options) : ApprovalsDb(options);

/// <summary>Registers the provider's context as <see cref="ApprovalsDb"/>, one per request scope.</summary>
internal static class ApprovalsDbRegistration
{
    public static IServiceCollection AddApprovalsDb(this IServiceCollection services, string connectionString)
    {
        if (IsPostgres(connectionString))
        {
            services.AddDbContext<PostgresApprovalsDb>(o => Configure(o, connectionString));
            services.AddScoped<ApprovalsDb>(sp => sp.GetRequiredService<PostgresApprovalsDb>());
        }
        else
        {
            services.AddDbContext<SqliteApprovalsDb>(o => Configure(o, connectionString));
            services.AddScoped<ApprovalsDb>(sp => sp.GetRequiredService<SqliteApprovalsDb>());
        }

        return services;
    }

    /// <summary>
    /// A context outside dependency injection and so outside logging: for migrating, where EF's first look for a
    /// history table that does not exist yet would otherwise be logged as a failed command on every new database.
    /// </summary>
    public static ApprovalsDb Create(string connectionString) => IsPostgres(connectionString)
        ? new PostgresApprovalsDb((DbContextOptions<PostgresApprovalsDb>)Configure(new DbContextOptionsBuilder<PostgresApprovalsDb>(), connectionString).Options)
        : new SqliteApprovalsDb((DbContextOptions<SqliteApprovalsDb>)Configure(new DbContextOptionsBuilder<SqliteApprovalsDb>(), connectionString).Options);

    private static bool IsPostgres(string connectionString) =>
        WorkflowDatabase.FromConnectionString(connectionString).Provider == DatabaseProvider.Postgres;

    private static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) => IsPostgres(connectionString)
        ? options.UseNpgsql(connectionString, x => x.MigrationsHistoryTable(ApprovalsDb.MigrationsHistoryTable))
        : options.UseSqlite(connectionString, x => x.MigrationsHistoryTable(ApprovalsDb.MigrationsHistoryTable));
}

/// <summary>Lets `dotnet ef migrations add` build each provider's context without running the host.</summary>
public sealed class SqliteApprovalsDbFactory : IDesignTimeDbContextFactory<SqliteApprovalsDb>
{
    public SqliteApprovalsDb CreateDbContext(string[] args) => (SqliteApprovalsDb)ApprovalsDbRegistration.Create("Data Source=design.db");
}

public sealed class PostgresApprovalsDbFactory : IDesignTimeDbContextFactory<PostgresApprovalsDb>
{
    public PostgresApprovalsDb CreateDbContext(string[] args) => (PostgresApprovalsDb)ApprovalsDbRegistration.Create("Host=localhost;Database=design");
}
