// A real engine on a fresh real database (SQLite file or PostgreSQL database) with a fake clock.
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Approvals.Workflows.Tests.Support;

public sealed class EngineHarness : IAsyncDisposable
{
    /// <summary>Monday 23 September 2024, 09:00 in Beijing: a week before the National Day holiday.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2024, 9, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly string connectionString;
    private readonly Func<Task> drop;
    private readonly WorkflowOptions? options;
    private ServiceProvider services;

    private EngineHarness(string connectionString, Func<Task> drop, DateTimeOffset start, WorkflowOptions? options)
    {
        this.connectionString = connectionString;
        this.drop = drop;
        this.options = options;
        Clock = new FakeTimeProvider(start);
        services = Build();
    }

    public FakeTimeProvider Clock { get; }

    public RecordingScheduler Scheduler { get; } = new();

    public TestOrganizations Organizations { get; } = new();

    public TestExpertPool Experts { get; } = new();

    public SeededRandom Random { get; } = new(1);

    public WorkflowRuntime Runtime => services.GetRequiredService<WorkflowRuntime>();

    public DefinitionStore Definitions => services.GetRequiredService<DefinitionStore>();

    public WorkflowDatabase Database => services.GetRequiredService<WorkflowDatabase>();

    /// <summary>With options, the engine runs on those as a host that registers its own would.</summary>
    public static async Task<EngineHarness> CreateAsync(string provider, DateTimeOffset? start = null, WorkflowOptions? options = null)
    {
        EngineHarness harness;
        if (provider == "postgres")
        {
            var admin = TestDatabases.PostgresAdminConnection
                        ?? throw new InvalidOperationException($"{TestDatabases.PostgresVariable} is not set.");
            var name = $"approvals_test_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false };
            harness = new EngineHarness(builder.ConnectionString, async () =>
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await using var dropCommand = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await dropCommand.ExecuteNonQueryAsync();
            }, start ?? DefaultStart, options);
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), $"approvals-test-{Guid.NewGuid():N}.db");
            harness = new EngineHarness($"Data Source={file};Pooling=False", () =>
            {
                foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(path);
                }

                return Task.CompletedTask;
            }, start ?? DefaultStart, options);
        }

        await harness.Database.MigrateAsync();
        return harness;
    }

    /// <summary>Throws the engine away and builds a new one on the same database: nothing survives but the rows.</summary>
    public async Task RebuildAsync()
    {
        await services.DisposeAsync();
        services = Build();
    }

    public async Task<PublishedDefinition> PublishAsync(string fileName)
    {
        var definition = await DefinitionJson.LoadAsync(Path.Combine(AppContext.BaseDirectory, "Definitions", fileName));
        return await PublishAsync(definition);
    }

    public async Task<PublishedDefinition> PublishAsync(WorkflowDefinition definition)
    {
        var result = await Definitions.PublishAsync(definition, "tester");
        Assert.True(result.Succeeded, string.Join("; ", result.Problems.Select(p => $"{p.NodeId}: {p.Message}")));
        return result.Published!;
    }

    public async Task<InstanceId> StartAsync(
        string definitionId, JsonObject? form = null, JsonObject? variables = null, string initiatorOrgId = TestOrganizations.School)
    {
        var result = await Runtime.StartAsync(new StartRequest(definitionId)
        {
            Form = form,
            Variables = variables,
            InitiatorUserId = "applicant",
            InitiatorOrgId = initiatorOrgId,
        });
        Assert.Equal(RunStatus.Ok, result.Status);
        return result.InstanceId!.Value;
    }

    public async Task<WorkflowInstance> InstanceAsync(InstanceId id)
    {
        await using var db = Database.CreateContext();
        return await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id);
    }

    public async Task<List<HumanTask>> OpenTasksAsync(InstanceId id)
    {
        await using var db = Database.CreateContext();
        return await db.HumanTasks.AsNoTracking()
            .Where(t => t.InstanceId == id && t.Status == HumanTaskStatus.Open)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .ToListAsync();
    }

    public async Task<HumanTask> SingleOpenTaskAsync(InstanceId id) => Assert.Single(await OpenTasksAsync(id));

    public async Task<RunResult> DecideAsync(InstanceId id, string outcome, string actor = "reviewer", JsonObject? data = null, string? returnTo = null)
    {
        var task = await SingleOpenTaskAsync(id);
        return await Runtime.CompleteTaskAsync(task.Id, new TaskDecision(outcome, actor) { Data = data, ReturnTo = returnTo });
    }

    public async Task<List<JournalEntry>> JournalAsync(InstanceId id)
    {
        await using var db = Database.CreateContext();
        return await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync();
    }

    public async Task<List<WorkflowTimer>> TimersAsync(InstanceId id)
    {
        await using var db = Database.CreateContext();
        return await db.Timers.AsNoTracking().Where(t => t.InstanceId == id).OrderBy(t => t.CreatedAt).ToListAsync();
    }

    public async Task<HumanTask> TaskAsync(TaskId id)
    {
        await using var db = Database.CreateContext();
        return await db.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    public async Task<List<OutboxMessage>> OutboxAsync(InstanceId id)
    {
        await using var db = Database.CreateContext();
        return await db.Outbox.AsNoTracking().Where(m => m.InstanceId == id).OrderBy(m => m.Id).ToListAsync();
    }

    public async Task<JsonObject> VariablesAsync(InstanceId id) => (JsonObject)JsonNode.Parse((await InstanceAsync(id)).Variables)!;

    public async Task<JsonObject> FormAsync(InstanceId id) => (JsonObject)JsonNode.Parse((await InstanceAsync(id)).Form)!;

    public async ValueTask DisposeAsync()
    {
        var provider = Database.Provider;
        await services.DisposeAsync();
        if (provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        await drop();
    }

    private ServiceProvider Build()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddSingleton<IOrganizationDirectory>(Organizations);
        collection.AddSingleton<ITimerScheduler>(Scheduler);
        collection.AddSingleton<IExpertPool>(Experts);
        collection.AddSingleton<IRandomSource>(Random);
        if (options is not null)
        {
            collection.AddSingleton(options);
        }

        collection.AddWorkflows(connectionString);
        return collection.BuildServiceProvider();
    }
}

public sealed class RecordingScheduler : ITimerScheduler
{
    private readonly List<(TimerId, DateTimeOffset)> scheduled = [];

    public IReadOnlyList<(TimerId Id, DateTimeOffset DueAt)> Scheduled
    {
        get
        {
            lock (scheduled)
            {
                return [.. scheduled];
            }
        }
    }

    /// <summary>Set, it throws as a scheduler whose storage is down would.</summary>
    public bool Refuses { get; set; }

    public void Schedule(TimerId timerId, DateTimeOffset dueAt)
    {
        if (Refuses)
        {
            throw new InvalidOperationException("调度存储不可用。");
        }

        lock (scheduled)
        {
            scheduled.Add((timerId, dueAt));
        }
    }
}

/// <summary>A school under a city under the province.</summary>
public sealed class TestOrganizations : IOrganizationDirectory
{
    public const string Province = "nmg";
    public const string City = "nmg-hhht";
    public const string School = "nmg-hhht-s1";

    private readonly Dictionary<string, string> parents = new() { [School] = City, [City] = Province };

    private readonly Dictionary<string, OrganizationProfile> profiles = new()
    {
        [School] = new OrganizationProfile(School, "呼和浩特技师学院", OrganizationProfile.TechnicianCollege, City, "呼和浩特市"),
        [City] = new OrganizationProfile(City, "呼和浩特市人力资源和社会保障局", null, City, "呼和浩特市"),
    };

    /// <summary>A school of the given type under a city, known by name to the directory and as the city's child.</summary>
    public void AddSchool(string orgId, string name, string schoolType, string cityId, string cityName)
    {
        lock (parents)
        {
            parents[orgId] = cityId;
            parents.TryAdd(cityId, Province);
            profiles[orgId] = new OrganizationProfile(orgId, name, schoolType, cityId, cityName);
        }
    }

    public void SetParent(string orgId, string parentId)
    {
        lock (parents)
        {
            parents[orgId] = parentId;
        }
    }

    public ValueTask<string?> GetParentAsync(string orgId, CancellationToken cancellationToken)
    {
        lock (parents)
        {
            return ValueTask.FromResult(parents.GetValueOrDefault(orgId));
        }
    }

    public ValueTask<OrganizationProfile?> GetProfileAsync(string orgId, CancellationToken cancellationToken)
    {
        lock (parents)
        {
            return ValueTask.FromResult(profiles.GetValueOrDefault(orgId));
        }
    }

    /// <summary>The city's bureaus, as the host names them: "&lt;city&gt;-edu", "&lt;city&gt;-fin".</summary>
    public ValueTask<string?> GetBureauAsync(string orgId, string kind, CancellationToken cancellationToken) =>
        ValueTask.FromResult(orgId == City && kind is "education" or "finance" ? $"{City}-{kind[..3]}" : null);
}

/// <summary>Expert pools a test fills in.</summary>
public sealed class TestExpertPool : IExpertPool
{
    private readonly Dictionary<string, List<Expert>> pools = new(StringComparer.Ordinal);

    public void Add(string pool, params Expert[] experts)
    {
        lock (pools)
        {
            if (!pools.TryGetValue(pool, out var list))
            {
                pools[pool] = list = [];
            }

            list.AddRange(experts);
        }
    }

    public ValueTask<IReadOnlyList<Expert>> GetExpertsAsync(string pool, CancellationToken cancellationToken)
    {
        lock (pools)
        {
            return ValueTask.FromResult<IReadOnlyList<Expert>>(pools.TryGetValue(pool, out var list) ? [.. list] : []);
        }
    }
}

/// <summary>Random draws a test can replay: the same seed gives the same sequence.</summary>
public sealed class SeededRandom(int seed) : IRandomSource
{
    private Random random = new(seed);

    public void Seed(int value)
    {
        lock (this)
        {
            random = new Random(value);
        }
    }

    public int Next(int maxExclusive)
    {
        lock (this)
        {
            return random.Next(maxExclusive);
        }
    }
}
