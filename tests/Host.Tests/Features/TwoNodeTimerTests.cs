using Approvals.Host.Features.Timers;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Host.Tests.Features;

/// <summary>
/// Two hosts on one database, both firing the same 1,000 timers due at the same instant (every timer's job
/// enqueued on both nodes, plus both nodes' sweeps): each timer fires exactly once in total. On PostgreSQL the
/// two nodes also share Hangfire's storage.
/// </summary>
public sealed class TwoNodeTimerTests : IDisposable
{
    private const int Timers = 1000;

    // Monday 2 March 2026, 09:00 in Beijing; the timers are due an hour later.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly string databaseFile = HostFactory.NewDatabaseFile();
    private readonly string definitions = Directory.CreateTempSubdirectory("approvals-storm-").FullName;

    private readonly Xunit.Abstractions.ITestOutputHelper output;

    public TwoNodeTimerTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        this.output = output;
        File.WriteAllText(Path.Combine(definitions, "storm.json"), """
        {
          "id": "storm", "name": "批次申报窗口",
          "nodes": [
            { "id": "start", "kind": "Start" },
            { "id": "window", "kind": "Timer", "inputs": { "mode": "at", "at": "2026-03-02T10:00:00+08:00" } },
            { "id": "end", "kind": "End" }
          ],
          "edges": [
            { "source": "start", "outcome": "done", "target": "window" },
            { "source": "window", "outcome": "done", "target": "end" }
          ]
        }
        """);
    }

    public static TheoryData<string> Providers => TestPostgres.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Timers_DueTogetherOnTwoNodes_FireExactlyOnceInTotal(string provider)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var postgres = provider == "postgres" ? await TestPostgres.CreateAsync() : null;
        await using var first = Node(postgres);
        first.CreateClient().Dispose();
        await using var second = Node(postgres);
        second.CreateClient().Dispose();
        var nodes = new[] { first, second };

        await Parallel.ForEachAsync(Enumerable.Range(0, Timers), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var started = await nodes[i % 2].Services.GetRequiredService<WorkflowRuntime>().StartAsync(new StartRequest("storm") { Title = $"申报 {i}" }, ct);
            Assert.True(started.Succeeded, started.Error);
        });
        output.WriteLine($"started {watch.Elapsed}");
        var timerIds = await first.QueryEngineAsync(db => db.Timers.Select(t => t.Id.Value).ToListAsync());
        Assert.Equal(Timers, timerIds.Count);

        clock.Advance(TimeSpan.FromHours(2));
        // Every timer's job on both nodes at once, as if each node had scheduled it, plus both nodes' sweeps.
        await Parallel.ForEachAsync(nodes.SelectMany(node => timerIds.Select(id => (node, id))), new ParallelOptions { MaxDegreeOfParallelism = 8 }, (job, _) =>
        {
            job.node.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<TimerJob>(timer => timer.FireAsync(job.id));
            return ValueTask.CompletedTask;
        });
        foreach (var node in nodes)
        {
            node.Services.GetRequiredService<IRecurringJobManager>().Trigger(TimerSweep.JobId);
        }

        output.WriteLine($"enqueued {watch.Elapsed}");
        await WaitForAsync(first, db => db.Instances.CountAsync(i => i.Status == InstanceStatus.Finished), Timers);
        foreach (var node in nodes)
        {
            await WaitForIdleAsync(node);
        }

        output.WriteLine($"fired {watch.Elapsed}");
        var firings = await first.QueryEngineAsync(db => db.Journal.Where(j => j.Kind == "timer-fired")
            .GroupBy(j => j.InstanceId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(Timers, firings.Count);
        Assert.All(firings, count => Assert.Equal(1, count));
        Assert.Equal(Timers, await first.QueryEngineAsync(db => db.Timers.CountAsync(t => t.State == TimerState.Fired)));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
        Directory.Delete(definitions, recursive: true);
    }

    private HostFactory Node(TestPostgres? postgres) => new(databaseFile, definitions)
    {
        Clock = clock,
        ConnectionString = postgres?.ConnectionString,
        Settings = new Dictionary<string, string?> { ["Approvals:DemoData"] = "true" },
    };

    private static async Task WaitForAsync(HostFactory node, Func<WorkflowDbContext, Task<int>> count, int expected)
    {
        var seen = 0;
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            seen = await node.QueryEngineAsync(count);
            if (seen >= expected)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"only {seen} of {expected} cases finished within 120 s");
    }

    private static async Task WaitForIdleAsync(HostFactory node)
    {
        var monitoring = node.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (monitoring.EnqueuedCount("default") == 0 && monitoring.ProcessingCount() == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("Hangfire did not become idle within 60 s");
    }
}
