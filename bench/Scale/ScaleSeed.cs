// The seeding tool: a million cases of 专业增设备案 with their tasks, waiting bookmarks, deadline timers and hash-chained
// journal written straight into the engine's tables of a database the Host has prepared (schema, organisation tree,
// demo users, published definitions). Spread over every school of the tree: most cases finished after one or two
// returns for revision, a few in every state of waiting (at the city, at the province, back with the school), about a
// quarter of the waiting ones past their deadline and escalated as the Host would have done.
using System.Data.Common;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Approvals.Bench.Scale;

/// <summary>What a seed wrote and how long it took.</summary>
internal sealed record SeedResult(int Cases, long Tasks, long OpenTasks, long Bookmarks, long Timers, long Journal, int Users, TimeSpan Elapsed)
{
    public long Rows => Cases + Tasks + Bookmarks + Timers + Journal;

    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;

    /// <summary>Demo user name → id, to build a user's queries in-process.</summary>
    public IReadOnlyDictionary<string, string> DemoUsers { get; init; } = new Dictionary<string, string>();
}

internal static class ScaleSeed
{
    /// <summary>SQLite commits every this many cases, so the WAL file stays small.</summary>
    private const int CasesPerTransaction = 50_000;

    private static readonly Major[] Majors =
    [
        new("0103", "数控加工技术"), new("0105", "模具制造"), new("0201", "电气自动化设备安装与维修"), new("0302", "汽车维修"),
        new("0401", "计算机网络应用"), new("0503", "建筑施工"), new("0601", "烹饪"), new("0702", "电子商务"),
    ];

    private static readonly string[] SeededTables = ["wf_instances", "wf_tasks", "wf_bookmarks", "wf_timers", "wf_journal"];

    /// <summary>Writes cases numbered <paramref name="first"/> onwards, <paramref name="cases"/> of them, beside any already there.</summary>
    public static async Task<SeedResult> RunAsync(BenchDatabase database, int cases, int first = 0)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        var directory = await SeedDirectory.PrepareAsync(connection);
        var model = WorkflowDatabase.FromConnectionString(database.ConnectionString).CreateContext();
        await using var disposeModel = model;
        _ = model.Model.GetEntityTypes();
        var clock = Stopwatch.StartNew();
        var indexes = await DropIndexesAsync(connection);
        var counts = database.Provider == "postgres"
            ? await CopyAsync(database, model, directory, first, cases)
            : await InsertAsync((SqliteConnection)connection, model, directory, first, cases);
        await CreateIndexesAsync(connection, indexes);
        await AnalyzeAsync(connection);
        return counts with { Users = directory.AddedUsers, Elapsed = clock.Elapsed, DemoUsers = directory.DemoUsers };
    }

    /// <summary>The baseline: rows per second of the same bulk path into a bare two-column table of the same database.</summary>
    public static async Task<double> BareRowsPerSecondAsync(BenchDatabase database, int rows)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE bench_bare (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)");
        var clock = Stopwatch.StartNew();
        if (connection is NpgsqlConnection postgres)
        {
            await using var importer = await postgres.BeginBinaryImportAsync("COPY bench_bare (id, payload) FROM STDIN (FORMAT BINARY)");
            for (long i = 0; i < rows; i++)
            {
                importer.StartRow();
                importer.Write(i, NpgsqlTypes.NpgsqlDbType.Bigint);
                importer.Write("一行", NpgsqlTypes.NpgsqlDbType.Text);
            }

            await importer.CompleteAsync();
        }
        else
        {
            var sqlite = (SqliteConnection)connection;
            await ExecuteAsync(sqlite, "PRAGMA synchronous=OFF");
            await using var transaction = sqlite.BeginTransaction();
            await using var insert = sqlite.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO bench_bare (id, payload) VALUES (@id, @payload)";
            var id = insert.Parameters.Add("@id", SqliteType.Integer);
            insert.Parameters.AddWithValue("@payload", "一行");
            insert.Prepare();
            for (long i = 0; i < rows; i++)
            {
                id.Value = i;
                insert.ExecuteNonQuery();
            }

            await transaction.CommitAsync();
        }

        var rate = rows / clock.Elapsed.TotalSeconds;
        await ExecuteAsync(connection, "DROP TABLE bench_bare");
        return rate;
    }

    private static DbConnection Open(BenchDatabase database) => database.Provider == "postgres"
        ? new NpgsqlConnection(database.ConnectionString)
        : new SqliteConnection(database.ConnectionString);

    private static async Task<SeedResult> CopyAsync(BenchDatabase database, WorkflowDbContext model, SeedDirectory directory, int first, int cases)
    {
        // One COPY per table, each on its own connection, fed together case by case.
        var connections = new List<NpgsqlConnection>();
        for (var i = 0; i < 5; i++)
        {
            var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            connections.Add(connection);
        }

        try
        {
            var tables = new Tables(
                BulkTable<WorkflowInstance>.Open(model, connections[0], null), BulkTable<HumanTask>.Open(model, connections[1], null),
                BulkTable<Bookmark>.Open(model, connections[2], null), BulkTable<WorkflowTimer>.Open(model, connections[3], null),
                BulkTable<JournalEntry>.Open(model, connections[4], null));
            var writer = new CaseWriter(directory, first + cases, tables);
            for (var n = first; n < first + cases; n++)
            {
                writer.Write(n);
            }

            await tables.DisposeAsync();
            return tables.Counts(cases, writer.OpenTasks);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<SeedResult> InsertAsync(SqliteConnection connection, WorkflowDbContext model, SeedDirectory directory, int first, int cases)
    {
        // The seed only: a crash mid-seed loses a benchmark database, never anyone's data; the Host's own connections keep FULL.
        await ExecuteAsync(connection, "PRAGMA synchronous=OFF");
        await ExecuteAsync(connection, "PRAGMA cache_size=-262144");
        var total = new SeedResult(cases, 0, 0, 0, 0, 0, 0, TimeSpan.Zero);
        for (var start = first; start < first + cases; start += CasesPerTransaction)
        {
            await using var transaction = connection.BeginTransaction();
            var tables = new Tables(
                BulkTable<WorkflowInstance>.Open(model, connection, transaction), BulkTable<HumanTask>.Open(model, connection, transaction),
                BulkTable<Bookmark>.Open(model, connection, transaction), BulkTable<WorkflowTimer>.Open(model, connection, transaction),
                BulkTable<JournalEntry>.Open(model, connection, transaction));
            var writer = new CaseWriter(directory, first + cases, tables);
            for (var n = start; n < Math.Min(first + cases, start + CasesPerTransaction); n++)
            {
                writer.Write(n);
            }

            await tables.DisposeAsync();
            await transaction.CommitAsync();
            total = total with
            {
                Tasks = total.Tasks + tables.Tasks.Rows, OpenTasks = total.OpenTasks + writer.OpenTasks, Bookmarks = total.Bookmarks + tables.Bookmarks.Rows,
                Timers = total.Timers + tables.Timers.Rows, Journal = total.Journal + tables.Journal.Rows,
            };
        }

        await ExecuteAsync(connection, "PRAGMA synchronous=FULL");
        return total;
    }

    /// <summary>
    /// The secondary indexes of the tables the seed fills, dropped while it writes: building an index once from sorted
    /// rows is several times faster than keeping nine of them up to date row by row. Answers their definitions.
    /// </summary>
    private static async Task<IReadOnlyList<(string Name, string Definition)>> DropIndexesAsync(DbConnection connection)
    {
        var tables = string.Join(", ", SeededTables.Select(t => $"'{t}'"));
        var sql = connection is NpgsqlConnection
            ? $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ({tables}) AND indexname NOT LIKE 'PK\\_%'"
            : $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({tables})";
        var indexes = new List<(string, string)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");
        }

        return indexes;
    }

    private static async Task CreateIndexesAsync(DbConnection connection, IReadOnlyList<(string Name, string Definition)> indexes)
    {
        if (connection is NpgsqlConnection)
        {
            await ExecuteAsync(connection, "SET maintenance_work_mem = '256MB'");
        }

        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(connection, definition);
        }
    }

    /// <summary>
    /// Fresh statistics, as a database that grew over years would have (the planners choose by them); on PostgreSQL
    /// also the visibility map autovacuum would have set by then, without which no index-only scan is possible.
    /// </summary>
    private static Task AnalyzeAsync(DbConnection connection) => ExecuteAsync(connection, connection is NpgsqlConnection ? "VACUUM ANALYZE" : "ANALYZE");

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private sealed record Tables(
        BulkTable<WorkflowInstance> Instances, BulkTable<HumanTask> Tasks, BulkTable<Bookmark> Bookmarks,
        BulkTable<WorkflowTimer> Timers, BulkTable<JournalEntry> Journal) : IAsyncDisposable
    {
        public SeedResult Counts(int cases, long openTasks) =>
            new(cases, Tasks.Rows, openTasks, Bookmarks.Rows, Timers.Rows, Journal.Rows, 0, TimeSpan.Zero);

        public async ValueTask DisposeAsync()
        {
            await Instances.DisposeAsync();
            await Tasks.DisposeAsync();
            await Bookmarks.DisposeAsync();
            await Timers.DisposeAsync();
            await Journal.DisposeAsync();
        }
    }

    /// <summary>One case's rows from its number alone; <paramref name="cases"/> is the highest number, for spreading them over the years.</summary>
    private sealed class CaseWriter(SeedDirectory directory, int cases, Tables tables)
    {
        private static readonly TimeSpan History = TimeSpan.FromDays(3 * 365);
        private readonly DateTime now = JournalChain.Normalize(DateTimeOffset.UtcNow);
        private readonly string started = $"{{\"definitionId\":\"{SeedDirectory.DefinitionId}\",\"version\":{directory.DefinitionVersion}}}";

        public long OpenTasks { get; private set; }

        public void Write(int n)
        {
            var h = Mix((ulong)n);
            var school = directory.Schools[(int)(h % (ulong)directory.Schools.Count)];
            var applicants = directory.People[school.Id];
            var initiator = applicants[(int)((h >> 20) % (ulong)applicants.Count)];
            var city = school.ParentId!;
            var rounds = 2 + (int)((h >> 16) & 1);
            var shape = (int)((h >> 8) % 100);
            var rejected = (h >> 40) % 20 == 0;
            var major = Majors[(int)((h >> 44) % (ulong)Majors.Length)];

            // The steps of the case in order: city reviews with a return and a resubmission between them, then the province.
            var steps = new List<Step>();
            for (var r = 1; r <= rounds; r++)
            {
                steps.Add(new Step("city", "approval", city, SeedDirectory.CityRole, null, r < rounds ? "return" : "approve", 21));
                if (r < rounds)
                {
                    steps.Add(new Step("city", "resubmit", school.Id, null, initiator, "resubmit", null));
                }
            }

            steps.Add(new Step("province", "approval", directory.ProvinceId, SeedDirectory.ProvinceRole, null, rejected ? "reject" : "approve", 28));
            var (count, window) = shape switch
            {
                < 88 => (steps.Count, TimeSpan.Zero),
                < 92 => (steps.Count - 1, TimeSpan.FromDays(28)),
                < 96 => (steps.Count, TimeSpan.FromDays(37)),
                _ => (2, TimeSpan.FromDays(20)),
            };
            var finished = shape < 88;
            steps = steps[..count];

            // Finished cases spread over three years, each step two days after the last; waiting ones recent, steps half a day apart.
            DateTime created;
            TimeSpan gap;
            if (finished)
            {
                created = now - TimeSpan.FromDays(60) - (History * (1 - ((double)n / cases)));
                gap = TimeSpan.FromDays(2);
            }
            else
            {
                gap = TimeSpan.FromHours(12);
                created = now - (window * ((h >> 32) % 10_000 / 10_000.0)) - (gap * steps.Count);
            }

            created = Truncate(created);
            var id = new InstanceId(Guid.CreateVersion7(created));
            var journal = new Chain(id, tables.Journal);
            journal.Add(created, "started", null, initiator, started);
            var visited = new List<string> { "start" };
            var at = created;
            for (var i = 0; i < steps.Count; i++)
            {
                var step = steps[i];
                var open = !finished && i == steps.Count - 1;
                var task = Task(id, step, created + (gap * (i + 1)), gap * 0.8, open, directory.People.GetValueOrDefault(step.OrgId), h >> i);
                tables.Tasks.Write(task);
                if (open)
                {
                    OpenTasks++;
                    at = task.CreatedAt;
                    tables.Bookmarks.Write(new Bookmark
                    {
                        Id = task.BookmarkId, InstanceId = id, NodeId = step.NodeId, Kind = "task", CreatedAt = task.CreatedAt,
                        Data = $"{{\"taskKind\":\"{step.Kind}\"}}",
                    });
                    if (task.DueAt is { } due)
                    {
                        tables.Timers.Write(new WorkflowTimer
                        {
                            Id = new TimerId(Guid.CreateVersion7(task.CreatedAt)), InstanceId = id, BookmarkId = task.BookmarkId, NodeId = step.NodeId,
                            DueAt = due, State = due <= now ? TimerState.Fired : TimerState.Pending, CreatedAt = task.CreatedAt,
                            FiredAt = due <= now ? due : null, Purpose = TimerPurpose.Overdue, TaskId = task.Id,
                        });
                    }
                }
                else
                {
                    at = task.CompletedAt!.Value;
                    journal.Add(at, "completed", step.NodeId, task.CompletedBy, $"{{\"taskId\":\"{task.Id}\",\"outcome\":\"{step.Outcome}\"}}");
                    if (!visited.Contains(step.NodeId))
                    {
                        visited.Add(step.NodeId);
                    }
                }
            }

            var result = rejected ? "rejected" : "filed";
            if (finished)
            {
                at += TimeSpan.FromMinutes(1);
                visited.AddRange(rejected ? ["rejected", "end-rejected"] : ["filed", "register", "end"]);
                journal.Add(at, "finished", null, null, $"{{\"output\":{{\"result\":\"{result}\"}}}}");
            }

            tables.Instances.Write(new WorkflowInstance
            {
                Id = id, DefinitionRecordId = directory.DefinitionRecordId, DefinitionId = SeedDirectory.DefinitionId,
                DefinitionVersion = directory.DefinitionVersion, Title = $"{school.Name}申请增设{major.Name}专业（{n + 1:D7}）",
                Status = finished ? InstanceStatus.Finished : InstanceStatus.Running,
                Variables = finished ? $"{{\"result\":\"{result}\"}}" : "{}",
                Form = major.Form,
                Visited = $"[{string.Join(',', visited.Select(v => $"\"{v}\""))}]",
                InitiatorUserId = initiator, InitiatorOrgId = school.Id, CreatedAt = created, UpdatedAt = at, FinishedAt = finished ? at : null,
                JournalSequence = journal.Sequence, JournalHash = journal.Hash, Version = steps.Count + 1,
            });
        }

        private HumanTask Task(InstanceId caseId, Step step, DateTime at, TimeSpan handledIn, bool open, IReadOnlyList<string>? people, ulong h)
        {
            var due = step.DueInDays is { } days ? at + TimeSpan.FromDays(days) : (DateTime?)null;
            var overdue = open && due <= now;
            var handler = step.UserId ?? people![(int)(h % (ulong)people.Count)];
            return new HumanTask
            {
                Id = new TaskId(Guid.CreateVersion7(at)), InstanceId = caseId, BookmarkId = new BookmarkId(Guid.CreateVersion7(at)),
                DefinitionId = SeedDirectory.DefinitionId, NodeId = step.NodeId, Kind = step.Kind,
                Title = step.Kind == "resubmit" ? "退回修改：盟市人社局评估推荐" : step.NodeId == "city" ? "按专业设置标准评估专业增设申请" : "专业增设备案",
                AssigneeRole = step.Role, AssigneeOrgId = step.OrgId, AssigneeUserId = step.UserId,
                AllowedOutcomes = step.Kind == "resubmit" ? "[\"resubmit\"]" : "[\"approve\",\"reject\",\"return\"]",
                Status = open ? HumanTaskStatus.Open : HumanTaskStatus.Completed,
                Outcome = open ? null : step.Outcome, CompletedBy = open ? null : handler, CompletedAt = open ? null : Truncate(at + handledIn),
                CreatedAt = at, DueAt = due, OverdueAt = overdue ? due : null,
                EscalatedToOrgId = overdue && step.NodeId == "city" ? directory.ProvinceId : null,
            };
        }

        /// <summary>Microseconds, as the engine stores instants, so the journal's hashes verify on both databases.</summary>
        private static DateTime Truncate(DateTime instant) => JournalChain.Normalize(new DateTimeOffset(instant, TimeSpan.Zero));

        private static ulong Mix(ulong x)
        {
            x += 0x9E3779B97F4A7C15;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
            return x ^ (x >> 31);
        }
    }

    /// <summary>A major a school applies for, and the application form that names it.</summary>
    private sealed record Major(string Code, string Name)
    {
        public string Form { get; } = new JsonObject
        {
            ["majorCode"] = Code, ["majorName"] = Name, ["teachers"] = 12, ["plannedEnrolment"] = 45,
            ["trainingFacilities"] = "实训楼", ["partnerEnterprise"] = "合作企业", ["labourDemand"] = "需求旺盛",
        }.ToJsonString();
    }

    private sealed record Step(string NodeId, string Kind, string OrgId, string? Role, string? UserId, string Outcome, int? DueInDays);

    /// <summary>A case's journal, each entry hashed onto the one before it the way the engine writes it.</summary>
    private sealed class Chain(InstanceId id, BulkTable<JournalEntry> journal)
    {
        public long Sequence { get; private set; }

        public string Hash { get; private set; } = "";

        public void Add(DateTime at, string kind, string? nodeId, string? actor, string data)
        {
            var entry = new JournalEntry
            {
                InstanceId = id, Sequence = ++Sequence, At = JournalChain.Normalize(new DateTimeOffset(at, TimeSpan.Zero)), Kind = kind,
                NodeId = nodeId, Actor = actor, Data = data, PreviousHash = Hash, Hash = "",
            };
            entry.Hash = JournalChain.Hash(entry);
            Hash = entry.Hash;
            journal.Write(entry);
        }
    }
}
