// The Host nodes of a chaos run on one database, behind the proxy: started, killed with SIGKILL and restarted on the
// same database; each (re)start is timed, and a node is taken out of the proxy's rotation just before it is killed.
using System.Diagnostics;

namespace Approvals.Bench.Chaos;

public sealed class ChaosCluster : IAsyncDisposable
{
    /// <summary>What the Host logs when migrating or seeding the database failed at its start.</summary>
    private const string PreparationFailed = "数据库迁移失败";

    private readonly string connectionString;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly HostProcess?[] nodes;
    private readonly List<TimeSpan> starts = [];

    public ChaosCluster(string connectionString, IReadOnlyDictionary<string, string> settings, int nodeCount)
    {
        this.connectionString = connectionString;
        this.settings = settings;
        nodes = new HostProcess?[nodeCount];
        Proxy = new RoundRobinProxy(nodeCount);
        Proxy.Start();
    }

    public RoundRobinProxy Proxy { get; }

    public int NodeCount => nodes.Length;

    /// <summary>Kills whose node came back healthy on the same database.</summary>
    public int KillsSurvived { get; private set; }

    /// <summary>Starts after which the node said it could not prepare the database (and serves half prepared).</summary>
    public int FailedPreparations { get; private set; }

    /// <summary>Each start of a node, from its process's start to the first 200 on /health.</summary>
    public IReadOnlyList<TimeSpan> StartTimes
    {
        get
        {
            lock (starts)
            {
                return [.. starts];
            }
        }
    }

    /// <summary>Starts the node in <paramref name="slot"/> and puts it into the rotation once it is healthy.</summary>
    public async Task StartAsync(int slot)
    {
        var node = await HostProcess.StartAsync(new HostOptions
        {
            ConnectionString = connectionString,
            Settings = settings,
            KeepOutput = false,
            HealthTimeout = TimeSpan.FromSeconds(120),
        });
        nodes[slot] = node;
        lock (starts)
        {
            starts.Add(node.StartedIn);
            if (node.Output.Contains(PreparationFailed, StringComparison.Ordinal))
            {
                FailedPreparations++;
            }
        }

        Proxy.SetBackend(slot, node.Address);
    }

    /// <summary>SIGKILL: out of the rotation, then killed with no shutdown at all (Process.Kill is SIGKILL on Linux).</summary>
    public async Task KillAsync(int slot)
    {
        Proxy.SetBackend(slot, null);
        if (nodes[slot] is { } node)
        {
            nodes[slot] = null;
            await node.KillAsync();
            await node.DisposeAsync();
        }
    }

    /// <summary>Kills the node and starts it again on the same database; counts as survived once it is healthy.</summary>
    public async Task<TimeSpan> KillAndRestartAsync(int slot)
    {
        var clock = Stopwatch.StartNew();
        await KillAsync(slot);
        await StartAsync(slot);
        KillsSurvived++;
        return clock.Elapsed;
    }

    /// <summary>A running node's output, for a failure's message.</summary>
    public string Output(int slot) => nodes[slot]?.Output ?? "";

    public async ValueTask DisposeAsync()
    {
        for (var slot = 0; slot < nodes.Length; slot++)
        {
            await KillAsync(slot);
        }

        await Proxy.DisposeAsync();
    }
}
