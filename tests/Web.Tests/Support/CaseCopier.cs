// Many cases fast for a measurement: copies of cases the Host really started, written straight into its SQLite file
// by the engine's own EF model while the Host is stopped. A copy gets its own ids, a numbered title, its times moved
// back by a minute per copy (so the copies spread over days and their deadlines stay ahead), and a journal whose hash
// chain is recomputed the way the engine writes it, so every copy verifies like a case the engine started.
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Approvals.Web.Tests.Support;

public static class CaseCopier
{
    /// <summary>
    /// Writes <paramref name="copies"/> copies of the template cases, taking them in turn by the weights given; answers
    /// how many copies each template got.
    /// </summary>
    public static async Task<IReadOnlyDictionary<InstanceId, int>> CopyAsync(
        string databaseFile, IReadOnlyList<(InstanceId Case, int Weight)> templates, int copies)
    {
        var made = templates.ToDictionary(t => t.Case, _ => 0);
        var database = WorkflowDatabase.FromConnectionString($"Data Source={databaseFile}");
        await using (var db = database.CreateContext())
        {
            var ids = templates.Select(t => t.Case).ToArray();
            var instances = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id);
            var bookmarks = (await db.Bookmarks.AsNoTracking().Where(b => ids.Contains(b.InstanceId)).ToListAsync()).ToLookup(b => b.InstanceId);
            var tasks = (await db.HumanTasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId)).ToListAsync()).ToLookup(t => t.InstanceId);
            var timers = (await db.Timers.AsNoTracking().Where(t => ids.Contains(t.InstanceId)).ToListAsync()).ToLookup(t => t.InstanceId);
            var journal = (await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId)).ToListAsync())
                .OrderBy(j => j.Sequence).ToLookup(j => j.InstanceId);
            var turns = templates.SelectMany(t => Enumerable.Repeat(t.Case, t.Weight)).ToArray();
            var rows = new Rows();
            for (var n = 1; n <= copies; n++)
            {
                var template = instances[turns[n % turns.Length]];
                made[template.Id]++;
                var copy = new Copy(template, n, [.. bookmarks[template.Id].Select(b => (b.Id.Value, b.CreatedAt)),
                    .. tasks[template.Id].Select(t => (t.Id.Value, t.CreatedAt)), .. timers[template.Id].Select(t => (t.Id.Value, t.CreatedAt))]);
                rows.Instances.Add(copy.Instance(journal[template.Id], out var entries));
                rows.Journal.AddRange(entries);
                rows.Bookmarks.AddRange(bookmarks[template.Id].Select(copy.Bookmark));
                rows.Tasks.AddRange(tasks[template.Id].Select(copy.Task));
                rows.Timers.AddRange(timers[template.Id].Select(copy.Timer));
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            await InsertAsync(db, rows.Instances);
            await InsertAsync(db, rows.Journal);
            await InsertAsync(db, rows.Bookmarks);
            await InsertAsync(db, rows.Tasks);
            await InsertAsync(db, rows.Timers);
            await transaction.CommitAsync();
        }

        SqliteConnection.ClearAllPools();
        return made;
    }

    /// <summary>
    /// Rows inserted by one prepared statement per table, its columns and parameters taken from the engine's EF model
    /// (names, value converters, the store's types): what SaveChanges would write, without tracking 70,000 entities.
    /// </summary>
    private static async Task InsertAsync<T>(WorkflowDbContext db, IEnumerable<T> rows)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)).ToArray();
        var mappings = columns.Select(c => c.GetRelationalTypeMapping()).ToArray();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName()}\""))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < columns.Length; i++)
            {
                command.Parameters.Add(mappings[i].CreateParameter(command, $"@p{i}", columns[i].GetGetter().GetClrValueUsingContainingEntity(row), columns[i].IsNullable));
            }

            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed class Rows
    {
        public List<WorkflowInstance> Instances { get; } = [];

        public List<JournalEntry> Journal { get; } = [];

        public List<Bookmark> Bookmarks { get; } = [];

        public List<HumanTask> Tasks { get; } = [];

        public List<WorkflowTimer> Timers { get; } = [];
    }

    /// <summary>One copy of one template: the copy's id for each of the template's, its numbered title, how far back it moves.</summary>
    private sealed class Copy
    {
        private readonly WorkflowInstance template;
        private readonly TimeSpan earlier;
        private readonly InstanceId id;
        private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);

        public Copy(WorkflowInstance template, int number, IEnumerable<(Guid Id, DateTime CreatedAt)> rows)
        {
            this.template = template;
            earlier = TimeSpan.FromMinutes(number);
            id = new InstanceId(NewId(template.CreatedAt));
            texts[template.Id.ToString()] = id.ToString();
            foreach (var (original, createdAt) in rows)
            {
                texts[original.ToString()] = NewId(createdAt).ToString();
            }

            texts[template.Title] = $"{template.Title}（{number:D5}）";
        }

        public WorkflowInstance Instance(IEnumerable<JournalEntry> journal, out List<JournalEntry> entries)
        {
            entries = [];
            var previousHash = "";
            foreach (var entry in journal)
            {
                var moved = new JournalEntry
                {
                    InstanceId = id, Sequence = entry.Sequence, At = entry.At - earlier, Kind = entry.Kind, NodeId = entry.NodeId,
                    Actor = entry.Actor, Data = Rewrite(entry.Data), PreviousHash = previousHash, Hash = "",
                };
                moved.Hash = JournalChain.Hash(moved);
                previousHash = moved.Hash;
                entries.Add(moved);
            }

            return new WorkflowInstance
            {
                Id = id, DefinitionRecordId = template.DefinitionRecordId, DefinitionId = template.DefinitionId,
                DefinitionVersion = template.DefinitionVersion, Title = Rewrite(template.Title), Status = template.Status,
                Variables = Rewrite(template.Variables), Form = Rewrite(template.Form), NodeStates = Rewrite(template.NodeStates),
                Queue = Rewrite(template.Queue), Visited = template.Visited, Output = template.Output is { } output ? Rewrite(output) : null,
                InitiatorUserId = template.InitiatorUserId, InitiatorOrgId = template.InitiatorOrgId,
                CreatedAt = template.CreatedAt - earlier, UpdatedAt = template.UpdatedAt - earlier, FinishedAt = template.FinishedAt - earlier,
                JournalSequence = template.JournalSequence, JournalHash = previousHash, Version = template.Version,
            };
        }

        public Bookmark Bookmark(Bookmark b) => new()
        {
            Id = new BookmarkId(Mapped(b.Id.Value)), InstanceId = id, NodeId = b.NodeId, Kind = b.Kind, Data = Rewrite(b.Data),
            CreatedAt = b.CreatedAt - earlier,
        };

        public HumanTask Task(HumanTask t) => new()
        {
            Id = new TaskId(Mapped(t.Id.Value)), InstanceId = id, BookmarkId = new BookmarkId(Mapped(t.BookmarkId.Value)),
            DefinitionId = t.DefinitionId, NodeId = t.NodeId, Title = Rewrite(t.Title), Kind = t.Kind, AssigneeRole = t.AssigneeRole,
            AssigneeOrgId = t.AssigneeOrgId, AssigneeUserId = t.AssigneeUserId, AllowedOutcomes = t.AllowedOutcomes, Status = t.Status,
            Outcome = t.Outcome, Comment = t.Comment, CompletedBy = t.CompletedBy, CreatedAt = t.CreatedAt - earlier,
            DueAt = t.DueAt - earlier, CompletedAt = t.CompletedAt - earlier, EscalatedToOrgId = t.EscalatedToOrgId,
            OverdueAt = t.OverdueAt - earlier, DelegatedToUserId = t.DelegatedToUserId, OwnerUserId = t.OwnerUserId,
            WaitingForTaskId = t.WaitingForTaskId is { } waiting ? new TaskId(Mapped(waiting.Value)) : null,
            ParentTaskId = t.ParentTaskId is { } parent ? new TaskId(Mapped(parent.Value)) : null,
        };

        public WorkflowTimer Timer(WorkflowTimer t) => new()
        {
            Id = new TimerId(Mapped(t.Id.Value)), InstanceId = id, BookmarkId = new BookmarkId(Mapped(t.BookmarkId.Value)), NodeId = t.NodeId,
            DueAt = t.DueAt - earlier, State = t.State, CreatedAt = t.CreatedAt - earlier, FiredAt = t.FiredAt - earlier, Purpose = t.Purpose,
            TaskId = t.TaskId is { } task ? new TaskId(Mapped(task.Value)) : null,
        };

        /// <summary>Ids made the way the engine makes them: version 7, ordered by the (moved) time of the row.</summary>
        private Guid NewId(DateTime createdAt) => Guid.CreateVersion7(new DateTimeOffset(createdAt - earlier, TimeSpan.Zero));

        private Guid Mapped(Guid original) => Guid.Parse(texts[original.ToString()]);

        /// <summary>The template's ids and title, wherever its JSON mentions them, replaced by the copy's.</summary>
        private string Rewrite(string text) =>
            texts.Aggregate(text, (current, pair) => current.Replace(pair.Key, pair.Value, StringComparison.Ordinal));
    }
}
