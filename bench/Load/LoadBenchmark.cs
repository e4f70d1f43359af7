// Benchmark 2, the API under load: the real Host as a separate process on a fresh database, schools filing majors
// and reviewers listing 待办 and approving at 50, 200 and 500 concurrent users, each level against /health driven by
// as many sessions back to back in the same run; throughput and p50/p95/p99 per request kind, conflicts and errors,
// and the Host's working set at the end of each level against a minimal web application's.
using System.Globalization;

namespace Approvals.Bench.Load;

public static class LoadBenchmark
{
    /// <summary>The goal's level: at 200 users, p99 ≤ 100 ms for list and approve, and no errors.</summary>
    public const int GoalUsers = 200;

    public const double GoalP99Milliseconds = 100;

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var levels = options.Text("users", options.Smoke ? "5" : "50,200,500")
            .Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var window = new LoadWindow(
            TimeSpan.FromSeconds(options.Number("warmup", 1, 10)),
            TimeSpan.FromSeconds(options.Number("seconds", 2, 40)),
            options.Number("requests", 20_000, 500_000),
            TimeSpan.FromMilliseconds(options.Number("think", 200, 1000)));
        var baselineWindow = window with { WarmUp = window.WarmUp / 2, Duration = TimeSpan.FromSeconds(options.Number("baseline-seconds", 1, 10)), Think = TimeSpan.Zero };

        long minimalWorkingSet;
        await using (var minimal = await MinimalWebApp.StartAsync())
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            minimalWorkingSet = minimal.WorkingSet();
        }

        foreach (var provider in options.Databases)
        {
            report.Heading($"API under load · {provider} · levels {string.Join(", ", levels)} users · think {window.Think.TotalMilliseconds:0} ms mean · "
                + $"{window.WarmUp.TotalSeconds:0} s warm-up + {window.Duration.TotalSeconds:0} s per level");
            await using var database = await BenchDatabase.CreateAsync(provider, "load");
            await using var host = await HostProcess.StartAsync(new HostOptions
            {
                ConnectionString = database.ConnectionString,
                Settings = new Dictionary<string, string>
                {
                    ["Approvals:DemoData"] = "true",
                    ["Approvals:SignInAttemptsPerMinute"] = "1000000",
                },
                KeepOutput = false,
            });
            using var crowd = new Crowd(host.Address);
            foreach (var users in levels)
            {
                await crowd.GrowAsync(users, "Demo#2026");
                await crowd.FillQueuesAsync(users);
                var (baseline, baselineMeasured) = await crowd.RunBaselineAsync(users, baselineWindow);
                await crowd.FillQueuesAsync(users);
                var (level, measured) = await crowd.RunLevelAsync(users, window);
                var workingSet = host.WorkingSet();
                var errors = Print(report, users, window, (baseline, baselineMeasured), (level, measured), workingSet, minimalWorkingSet);
                foreach (var exception in errors == 0 ? [] : host.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains("Exception: ", StringComparison.Ordinal)).Distinct().Take(3))
                {
                    report.Note($"Host log: {exception[..Math.Min(exception.Length, 300)]}");
                }
            }
        }
    }

    /// <summary>Prints the level's lines; returns its error count.</summary>
    private static int Print(
        Report report, int users, LoadWindow window, (LoadRecorder Recorder, TimeSpan Measured) baseline, (LoadRecorder Recorder, TimeSpan Measured) level,
        long workingSet, long minimalWorkingSet)
    {
        var (schools, reviewers) = Crowd.Split(users);
        var cities = Crowd.ReviewersPerCity(reviewers);
        report.Note($"{users} users: {schools} schools filing majors, {cities.GetValueOrDefault("hohhot")} 呼和浩特 and {cities.GetValueOrDefault("baotou")} 包头 "
            + $"reviewer sessions listing 待办 (page size {Crowd.PageSize}, each at its own place) and approving; {level.Measured.TotalSeconds:0.0} s measured");
        var health = baseline.Recorder[RequestKind.Health];
        var healthRate = health.Succeeded / baseline.Measured.TotalSeconds;
        report.Figure($"{users} users · /health back to back (baseline)", healthRate, "req/s");
        report.Note($"/health p50 {Report.Format(health.Latencies.Percentile(50))} ms, p99 {Report.Format(health.Latencies.Percentile(99))} ms, errors {health.Errors}");

        foreach (var (kind, name) in new[] { (RequestKind.Start, "start case"), (RequestKind.List, "list 待办"), (RequestKind.Approve, "approve") })
        {
            var counts = level.Recorder[kind];
            var latencies = counts.Latencies;
            report.Ratio($"{users} users · {name} throughput / baseline", counts.Succeeded / level.Measured.TotalSeconds, healthRate, "req/s");
            report.Figure($"{users} users · {name} p50", latencies.Percentile(50), "ms");
            report.Figure($"{users} users · {name} p95", latencies.Percentile(95), "ms");
            var goal = users == GoalUsers && kind is RequestKind.List or RequestKind.Approve ? Goal.AtMost(GoalP99Milliseconds) : null;
            report.Figure($"{users} users · {name} p99", latencies.Percentile(99), "ms", goal);
        }

        var all = new[] { RequestKind.Start, RequestKind.List, RequestKind.Approve }.Select(k => level.Recorder[k]).ToArray();
        report.Figure($"{users} users · conflicts (409, another session took the task)", all.Sum(c => c.Conflicts), "");
        var errors = all.Sum(c => c.Errors) + health.Errors;
        report.Figure($"{users} users · errors (5xx, timeouts, other 4xx)", errors, "", Goal.AtMost(0));
        report.Note($"{level.Recorder[RequestKind.List].Empty} looks at 待办 found no task at the session's place; mean pause between a user's requests {window.Think.TotalMilliseconds:0} ms");
        foreach (var sample in baseline.Recorder.ErrorSamples.Concat(level.Recorder.ErrorSamples))
        {
            report.Note($"error: {sample}");
        }

        report.Ratio($"{users} users · Host working set at the end / minimal app idle", workingSet / 1048576.0, minimalWorkingSet / 1048576.0, "MB");
        return errors;
    }
}
