// The timer storm's waiting cases in bulk: a few real cases started through the runtime, then copied row by row
// (instance, bookmark, timer, journal) under new ids with the journal chain hashed again, so every copy is a case the
// engine resumes exactly as it would the original.
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Bench.Engine;

public static class StormSeed
{
    private const int Originals = 10;
    private const int CopiesPerSave = 2000;

    /// <summary>Migrates, publishes and leaves <paramref name="count"/> cases waiting on a timer due at <see cref="BenchEngine.StormDue"/>.</summary>
    public static async Task SeedAsync(string connectionString, TimeProvider clock, int count)
    {
        await using var services = BenchEngine.Build(connectionString, clock);
        await BenchEngine.PrepareAsync(services);
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var originals = Math.Min(count, Originals);
        for (var i = 0; i < originals; i++)
        {
            var started = await runtime.StartAsync(new StartRequest(BenchEngine.TimerStorm)
            {
                Title = $"申报 {i}",
                InitiatorUserId = "applicant",
                InitiatorOrgId = "school",
            });
            if (started.InstanceStatus != InstanceStatus.Suspended)
            {
                throw new InvalidOperationException($"A storm case did not wait on its timer: {started.Status} {started.Error}");
            }
        }

        var database = services.GetRequiredService<WorkflowDatabase>();
        List<Original> templates;
        await using (var db = database.CreateContext())
        {
            var instances = await db.Instances.AsNoTracking().Where(i => i.DefinitionId == BenchEngine.TimerStorm).ToListAsync();
            var bookmarks = (await db.Bookmarks.AsNoTracking().ToListAsync()).ToLookup(b => b.InstanceId);
            var timers = (await db.Timers.AsNoTracking().ToListAsync()).ToLookup(t => t.InstanceId);
            var journal = (await db.Journal.AsNoTracking().OrderBy(j => j.Sequence).ToListAsync()).ToLookup(j => j.InstanceId);
            templates = instances.Select(i => new Original(i, [.. bookmarks[i.Id]], [.. timers[i.Id]], [.. journal[i.Id]])).ToList();
        }

        for (var done = originals; done < count;)
        {
            await using var db = database.CreateContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = Math.Min(CopiesPerSave, count - done);
            for (var k = 0; k < batch; k++)
            {
                Copy(db, templates[(done + k) % templates.Count], clock);
            }

            await db.SaveChangesAsync();
            done += batch;
        }
    }

    private static void Copy(WorkflowDbContext db, Original original, TimeProvider clock)
    {
        var source = original.Instance;
        var id = InstanceId.New(clock);
        var renames = new Dictionary<string, string> { [source.Id.ToString()] = id.ToString() };
        var bookmarkIds = original.Bookmarks.ToDictionary(b => b.Id, _ => BookmarkId.New(clock));
        foreach (var (from, to) in bookmarkIds)
        {
            renames[from.ToString()] = to.ToString();
        }

        var timerIds = original.Timers.ToDictionary(t => t.Id, _ => TimerId.New(clock));
        foreach (var (from, to) in timerIds)
        {
            renames[from.ToString()] = to.ToString();
        }

        string Renamed(string text) => renames.Aggregate(text, (t, r) => t.Replace(r.Key, r.Value, StringComparison.Ordinal));

        var previousHash = "";
        foreach (var entry in original.Journal)
        {
            var copy = new JournalEntry
            {
                InstanceId = id,
                Sequence = entry.Sequence,
                At = entry.At,
                Kind = entry.Kind,
                NodeId = entry.NodeId,
                Actor = entry.Actor,
                Data = Renamed(entry.Data),
                PreviousHash = previousHash,
                Hash = "",
            };
            copy.Hash = JournalChain.Hash(copy);
            previousHash = copy.Hash;
            db.Journal.Add(copy);
        }

        db.Instances.Add(new WorkflowInstance
        {
            Id = id,
            DefinitionRecordId = source.DefinitionRecordId,
            DefinitionId = source.DefinitionId,
            DefinitionVersion = source.DefinitionVersion,
            Title = source.Title,
            Status = source.Status,
            Variables = Renamed(source.Variables),
            Form = Renamed(source.Form),
            NodeStates = Renamed(source.NodeStates),
            Queue = source.Queue,
            Visited = source.Visited,
            InitiatorUserId = source.InitiatorUserId,
            InitiatorOrgId = source.InitiatorOrgId,
            CreatedAt = source.CreatedAt,
            UpdatedAt = source.UpdatedAt,
            JournalSequence = source.JournalSequence,
            JournalHash = previousHash,
            Version = source.Version,
        });
        foreach (var bookmark in original.Bookmarks)
        {
            db.Bookmarks.Add(new Bookmark
            {
                Id = bookmarkIds[bookmark.Id],
                InstanceId = id,
                NodeId = bookmark.NodeId,
                Kind = bookmark.Kind,
                Data = Renamed(bookmark.Data),
                CreatedAt = bookmark.CreatedAt,
            });
        }

        foreach (var timer in original.Timers)
        {
            db.Timers.Add(new WorkflowTimer
            {
                Id = timerIds[timer.Id],
                InstanceId = id,
                BookmarkId = bookmarkIds[timer.BookmarkId],
                NodeId = timer.NodeId,
                DueAt = timer.DueAt,
                State = timer.State,
                CreatedAt = timer.CreatedAt,
                Purpose = timer.Purpose,
            });
        }
    }

    private sealed record Original(WorkflowInstance Instance, List<Bookmark> Bookmarks, List<WorkflowTimer> Timers, List<JournalEntry> Journal);
}
