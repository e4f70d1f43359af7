// Benchmark 4 of issue 8: many timers due at the same instant, fired by the Host's real mechanisms (its TimerSweep, and
// Hangfire servers running a TimerJob per timer) on one node or on two nodes sharing PostgreSQL, then checked from the database: every timer fired exactly once and every case moved on.
using System.Diagnostics;
using System.Globalization;
using Approvals.Host.Features.Timers;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Approvals.Bench.Engine;

public static class TimerStorm
{
    /// <summary>What one storm measured and what the database said afterwards.</summary>
    public sealed record StormRun(int Timers, TimeSpan Elapsed, int Fired, int Pending, int Duplicates, int Misses, int Unfinished)
    {
        public double FiredPerSecond => Fired / Elapsed.TotalSeconds;
    }

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var sweepTimers = options.Number("timers", WorkflowRuntime.TimerBatchSize + 10, 100_000);
        var jobTimers = options.Number("hangfire-timers", 20, 2_000);
        var floorCommits = options.Number("floor-commits", 30, 3000);
        var timeout = TimeSpan.FromSeconds(options.Number("timeout-seconds", 60, 3600));
        var mechanisms = options.Text("mechanisms", "sweep,hangfire").Split(',');
        report.Heading($"timers: {sweepTimers:N0} timers due at the same instant fired by the sweep, {jobTimers:N0} by Hangfire jobs");
        report.Note("A node is the engine in its own service provider inside this process; two nodes share one PostgreSQL");
        report.Note("database. sweep: every node runs the Host's TimerSweep (what its minutely recurring job runs) at once.");
        report.Note("hangfire: every node is also the Host's timer scheduling (AddTimerScheduling: a Hangfire server, on");
        report.Note("PostgreSQL sharing one Hangfire storage) and each timer has its TimerJob scheduled, as at start-up;");
        report.Note("the recurring sweep is left out, so this is the per-timer job path alone.");
        report.Note("Timed from the moment every timer is due (and its job scheduled) until the last timer row is Fired.");
        foreach (var provider in options.Databases)
        {
            // Two nodes exercise everything one node does, so the smoke size runs only two on PostgreSQL.
            var nodeCounts = provider == "postgres"
                ? options.Text("nodes", options.Smoke ? "2" : "1,2").Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray()
                : [1];
            foreach (var (mechanism, timers) in new[] { (Mechanism.Sweep, sweepTimers), (Mechanism.Hangfire, jobTimers) })
            {
                if (!mechanisms.Contains(mechanism.ToString(), StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var nodes in nodeCounts)
                {
                    await using var database = await BenchDatabase.CreateAsync(provider, "timers");
                    var floor = await CommitFloor.MeasureAsync(database, floorCommits);
                    var seeding = Stopwatch.StartNew();
                    var clock = new FakeTimeProvider(BenchEngine.StormStart);
                    await StormSeed.SeedAsync(database.ConnectionString, clock, timers);
                    var seeded = seeding.Elapsed;
                    var run = mechanism == Mechanism.Sweep
                        ? await SweepAsync(database.ConnectionString, clock, timers, nodes)
                        : await HangfireAsync(database.ConnectionString, clock, timers, nodes, timeout);
                    var name = $"{provider}, {mechanism.ToString().ToLowerInvariant()}, {nodes} node{(nodes == 1 ? "" : "s")}";
                    report.Note($"{name}: {timers:N0} waiting cases seeded in {seeded.TotalSeconds:0.0} s");
                    report.Figure($"{name}: commit floor", floor, "commits/s");
                    report.Figure($"{name}: all fired in", run.Elapsed.TotalSeconds, "s");
                    report.Figure($"{name}: fired", run.FiredPerSecond, "timers/s");
                    report.Ratio($"{name}: timers fired / commit floor", run.FiredPerSecond, floor, "per s");
                    report.Figure($"{name}: duplicate firings", run.Duplicates, "", Goal.AtMost(0));
                    report.Figure($"{name}: missed timers", run.Misses, "", Goal.AtMost(0));
                    report.Figure($"{name}: timers still pending", run.Pending, "", Goal.AtMost(0));
                    report.Figure($"{name}: cases not past the timer", run.Unfinished, "", Goal.AtMost(0));
                }
            }
        }
    }

    private enum Mechanism
    {
        Sweep,
        Hangfire,
    }

    /// <summary>Moves the clock past the timers and runs every node's TimerSweep at once.</summary>
    public static async Task<StormRun> SweepAsync(string connectionString, FakeTimeProvider clock, int timers, int nodes)
    {
        var engines = Enumerable.Range(0, nodes).Select(i => BenchEngine.Build(NodeConnection(connectionString, i), clock)).ToList();
        try
        {
            var sweeps = engines.Select(e => ActivatorUtilities.CreateInstance<TimerSweep>(e)).ToArray();
            clock.Advance(BenchEngine.StormDue - clock.GetUtcNow() + TimeSpan.FromMinutes(1));
            var elapsed = Stopwatch.StartNew();
            await Task.WhenAll(sweeps.Select(sweep => Task.Run(sweep.RunAsync)));
            var time = elapsed.Elapsed;
            return await VerifyAsync(engines[0].GetRequiredService<WorkflowDatabase>(), timers, time);
        }
        finally
        {
            foreach (var engine in engines)
            {
                await engine.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Moves the clock past the timers, schedules every pending timer's job as a node does at start-up, starts the
    /// nodes' Hangfire servers and waits until no timer is pending (or the timeout), then counts from the database.
    /// </summary>
    public static async Task<StormRun> HangfireAsync(string connectionString, FakeTimeProvider clock, int timers, int nodes, TimeSpan timeout)
    {
        var hosts = new List<IHost>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                hosts.Add(BuildNode(NodeConnection(connectionString, i), clock));
            }

            clock.Advance(BenchEngine.StormDue - clock.GetUtcNow() + TimeSpan.FromMinutes(1));
            var pending = await hosts[0].Services.GetRequiredService<WorkflowRuntime>().GetPendingTimersAsync();
            var schedulers = hosts.Select(h => h.Services.GetRequiredService<ITimerScheduler>()).ToArray();
            await Parallel.ForAsync(0, pending.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, (i, _) =>
            {
                schedulers[i % schedulers.Length].Schedule(pending[i].Id, pending[i].DueAt);
                return ValueTask.CompletedTask;
            });

            var elapsed = Stopwatch.StartNew();
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            var database = hosts[0].Services.GetRequiredService<WorkflowDatabase>();
            while (elapsed.Elapsed < timeout && await CountAsync(database, db => db.Timers.CountAsync(t => t.State == TimerState.Pending)) > 0)
            {
                await Task.Delay(100);
            }

            var time = elapsed.Elapsed;
            await Task.WhenAll(hosts.Select(h => h.StopAsync()));
            return await VerifyAsync(database, timers, time);
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }
    }

    /// <summary>One node: the engine and the Host's timer scheduling in a service provider of its own, not yet started.</summary>
    private static IHost BuildNode(string connectionString, TimeProvider clock)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        BenchEngine.Register(builder.Services, connectionString, clock);
        builder.Services.AddTimerScheduling(connectionString);
        var host = builder.Build();
        // Each node's job storage is created now, one after the other: Hangfire keeps the latest as its global default.
        host.Services.GetRequiredService<JobStorage>();
        return host;
    }

    /// <summary>
    /// A node's own connection pool, as a separate process would have; kept small because the PostgreSQL server of a
    /// shared machine serves other programs too (a node needs one connection per Hangfire worker and a few more).
    /// </summary>
    private static string NodeConnection(string connectionString, int node) =>
        WorkflowDatabase.ProviderOf(connectionString) == DatabaseProvider.Postgres
            ? new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = $"storm-node-{node}", MaxPoolSize = 20 }.ConnectionString
            : connectionString;

    private static async Task<StormRun> VerifyAsync(WorkflowDatabase database, int timers, TimeSpan elapsed)
    {
        await using var db = database.CreateContext();
        var fired = await db.Timers.CountAsync(t => t.State == TimerState.Fired);
        var pending = await db.Timers.CountAsync(t => t.State == TimerState.Pending);
        var firings = await db.Journal.Where(j => j.Kind == "timer-fired")
            .GroupBy(j => j.InstanceId)
            .Select(g => g.Count())
            .ToListAsync();
        var unfinished = await db.Instances.CountAsync(i => i.DefinitionId == BenchEngine.TimerStorm && i.Status != InstanceStatus.Finished);
        return new StormRun(timers, elapsed, fired, pending, firings.Sum(c => c - 1), timers - firings.Count, unfinished);
    }

    private static async Task<int> CountAsync(WorkflowDatabase database, Func<WorkflowDbContext, Task<int>> count)
    {
        await using var db = database.CreateContext();
        return await count(db);
    }
}
