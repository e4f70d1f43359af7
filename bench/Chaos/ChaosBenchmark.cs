// crash: the real Host as a process on SQLite (or PostgreSQL) under the mixed load, killed with SIGKILL at random
// moments and restarted on the same database each time. twonodes: two Hosts on one PostgreSQL database behind the
// round-robin proxy, started at the same moment (both migrate and seed), one of them killed and restarted while the
// other carries the load. Both end with the Host restarted once more, time for the due timers, and the audit.
using System.Diagnostics;
using Approvals.Workflows.Persistence;

namespace Approvals.Bench.Chaos;

public static class ChaosBenchmark
{
    public static async Task RunCrashAsync(BenchOptions options, Report report)
    {
        var databases = options.Text("db", "sqlite") switch
        {
            "both" => new[] { "sqlite", "postgres" },
            var one => [one],
        };
        foreach (var provider in databases)
        {
            report.Heading($"crash · {provider} · one Host killed {Kills(options, 4, 24)} times under load");
            await RunAsync(options, report, provider, nodes: 1, kills: Kills(options, 4, 24));
        }
    }

    public static async Task RunTwoNodesAsync(BenchOptions options, Report report)
    {
        if (BenchDatabase.PostgresAdmin is null)
        {
            report.Heading("twonodes · skipped");
            report.Note($"PostgreSQL is not configured: set {BenchDatabase.PostgresVariable} or APPROVALS_TEST_POSTGRES.");
            return;
        }

        report.Heading($"twonodes · postgres · two Hosts behind a round-robin proxy, {Kills(options, 1, 6)} node kill(s) under load");
        await RunAsync(options, report, "postgres", nodes: 2, kills: Kills(options, 1, 6));
    }

    private static int Kills(BenchOptions options, int smoke, int full) => options.Number("kills", smoke, full);

    private static async Task RunAsync(BenchOptions options, Report report, string provider, int nodes, int kills)
    {
        var users = options.Number("users", 6, 6);
        var timerSeconds = options.Number("timer-seconds", 2, 3);
        var (minUp, maxUp) = options.Smoke ? (2.0, 3.0) : (4.0, 10.0);
        var clock = Stopwatch.StartNew();

        await using var database = await BenchDatabase.CreateAsync(provider, "chaos");
        var settings = new Dictionary<string, string> { ["Approvals:DemoData"] = "true" };
        await using var cluster = new ChaosCluster(database.ConnectionString, settings, nodes);
        // Every node starts at once on the fresh database: each migrates and seeds, and a second start must be harmless.
        await Task.WhenAll(Enumerable.Range(0, nodes).Select(cluster.StartAsync));

        using var driver = new ChaosDriver(cluster.Proxy.Address);
        await driver.PublishAsync(timerSeconds);
        await driver.SignInAsync(users);

        using var stop = new CancellationTokenSource();
        var load = driver.RunAsync(TimeSpan.FromMilliseconds(150), stop.Token);
        for (var kill = 0; kill < kills; kill++)
        {
            await Task.Delay(TimeSpan.FromSeconds(minUp + ((maxUp - minUp) * Random.Shared.NextDouble())));
            await cluster.KillAndRestartAsync(kill % nodes);
        }

        await Task.Delay(TimeSpan.FromSeconds(minUp));
        await stop.CancelAsync();
        await load;
        var driven = clock.Elapsed;

        // One Host: the last restart on the same database. Both: the restarted node is already back. Then time for
        // every timer the load left running to come due and fire.
        if (nodes == 1)
        {
            await cluster.KillAndRestartAsync(0);
        }

        var engine = WorkflowDatabase.FromConnectionString(database.ConnectionString);
        await Task.Delay(TimeSpan.FromSeconds(timerSeconds + 1));
        await ChaosAudit.WaitForDueTimersAsync(engine, TimeSpan.FromSeconds(90));
        var audit = await ChaosAudit.RunAsync(engine, driver.Log, driver);

        report.Figure("kills survived", cluster.KillsSurvived, "SIGKILL");
        report.Figure("nodes that failed to prepare the database", cluster.FailedPreparations, "starts", Goal.AtMost(0));
        report.Figure("requests acknowledged", driver.Log.Count, "actions");
        report.Note(string.Join(", ", driver.Log.GroupBy(a => a.Action).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
        report.Figure("actions checked", audit.ActionsChecked, "actions");
        report.Figure("cases checked", audit.CasesChecked, "cases");
        report.Figure("timers fired", audit.TimersFired, "timers");
        report.Figure("lost acknowledged actions", audit.LostActions, "actions", Goal.AtMost(0));
        report.Figure("stuck cases", audit.StuckCases, "cases", Goal.AtMost(0));
        report.Figure("timers fired twice", audit.DuplicateFirings, "timers", Goal.AtMost(0));
        report.Figure("due timers not fired", audit.LostTimers, "timers", Goal.AtMost(0));
        report.Figure("broken journals", audit.BrokenJournals, "cases", Goal.AtMost(0));
        report.Figure("cases missing from the API", audit.CasesMissingFromApi, "cases", Goal.AtMost(0));
        report.Figure("5xx responses", driver.ServerErrors, "requests", Goal.AtMost(0));
        report.Figure("other 4xx responses", driver.OtherRefusals, "requests", Goal.AtMost(0));
        report.Figure("conflicts (409)", driver.Conflicts, "requests");
        report.Figure("connection failures (cut by kills)", driver.ConnectionFailures, "requests");
        var starts = cluster.StartTimes.Order().ToList();
        report.Figure("node start p50", starts[starts.Count / 2].TotalSeconds, "s");
        report.Figure("node start max", starts[^1].TotalSeconds, "s");
        if (nodes > 1)
        {
            // Sessions signed in on one node and sent on to the other: the cookies hold on both (shared keys).
            for (var slot = 0; slot < nodes; slot++)
            {
                report.Figure($"connections to node {slot + 1}", cluster.Proxy.Connections[slot], "connections");
            }
        }

        report.Figure("load run", driven.TotalSeconds, "s");
        report.Figure("total time", clock.Elapsed.TotalSeconds, "s");
        foreach (var finding in audit.Findings.Concat(driver.Problems))
        {
            report.Note(finding);
        }
    }
}
