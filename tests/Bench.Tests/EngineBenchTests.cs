// The engine's benchmarks at their smoke size, on SQLite and (when configured) PostgreSQL: every line printed, every
// ratio a finite positive number, and nothing lost or done twice. The performance goals are not asserted here.
using Approvals.Bench.Engine;

namespace Approvals.Bench.Tests;

public sealed class EngineBenchTests
{
    [Fact]
    public async Task Steps_Smoke_PrintsTheRatioToTheFloorForEachDriverCountWithNoFailedStep()
    {
        var report = await RunAsync(StepsBenchmark.RunAsync, "steps");

        AssertRatios(report, "engine steps / commit floor", perDatabase: 2);
        AssertAllZero(report, "failed steps");
        AssertAllZero(report, "cases not finished");
        Assert.All(Lines(report, "allocated per step on the database"), l => Assert.True(l.Value > 0));
    }

    [Fact]
    public async Task Allocations_Smoke_PrintsBytesPerStepInMemoryAndOnEachDatabase()
    {
        var report = await RunAsync(AllocationsBenchmark.RunAsync, "allocations");

        Assert.True(Assert.Single(Lines(report, "one step, SQLite in memory")).Value > 0);
        Assert.True(Assert.Single(Lines(report, "journal entry's hash")).Value > 0);
        AssertRatios(report, "step on the database / step in memory", perDatabase: 1);
        AssertAllZero(report, "failed steps");
    }

    [Fact]
    public async Task Timers_Smoke_FiresEveryTimerOnceBySweepAndByHangfireOnEveryNodeCount()
    {
        var report = await RunAsync(TimerStorm.RunAsync, "timers");

        // One node on SQLite, two on PostgreSQL; each by the sweep and by Hangfire jobs.
        AssertRatios(report, "timers fired / commit floor", perDatabase: 2);
        AssertAllZero(report, "duplicate firings");
        AssertAllZero(report, "missed timers");
        AssertAllZero(report, "timers still pending");
        AssertAllZero(report, "cases not past the timer");
    }

    private static IReadOnlyList<string> Databases() => BenchOptions.Parse(["smoke", "--size", "smoke"]).Databases;

    private static async Task<Report> RunAsync(Benchmark benchmark, string name)
    {
        var report = new Report(new StringWriter());
        await benchmark(BenchOptions.Parse([name, "--size", "smoke"]), report);
        return report;
    }

    private static List<ReportLine> Lines(Report report, string name) =>
        report.Lines.Where(l => l.Name.Contains(name, StringComparison.Ordinal)).ToList();

    /// <summary><paramref name="perDatabase"/> such ratios per database, each finite and positive.</summary>
    private static void AssertRatios(Report report, string name, int perDatabase)
    {
        var ratios = Lines(report, name);
        Assert.Equal(perDatabase * Databases().Count, ratios.Count);

        Assert.All(ratios, r =>
        {
            Assert.Equal("ratio", r.Kind);
            Assert.True(double.IsFinite(r.Value) && r.Value > 0, $"{r.Name}: {r.Value}");
        });
    }

    private static void AssertAllZero(Report report, string name)
    {
        var counts = Lines(report, name);
        Assert.NotEmpty(counts);
        Assert.All(counts, c => Assert.True(c.Value == 0, $"{c.Name}: {c.Value}"));
    }
}
