// The load and start-up benchmarks at their smoke size, on every configured database: every line printed with a
// finite positive value and no errors; the goals themselves are judged by the full size, not here.
using Approvals.Bench.Load;

namespace Approvals.Bench.Tests;

public sealed class LoadBenchTests
{
    [Fact]
    public async Task Load_smoke_prints_every_kind_against_the_baseline_without_errors()
    {
        using var writer = new StringWriter();
        var report = new Report(writer);

        await LoadBenchmark.RunAsync(BenchOptions.Parse(["load", "--size", "smoke"]), report);

        var databases = BenchOptions.Parse(["load", "--size", "smoke"]).Databases.Count;
        var ratios = report.Lines.Where(l => l.Kind == "ratio").ToList();
        Assert.Equal(4 * databases, ratios.Count);
        Assert.All(ratios, r => Assert.True(double.IsFinite(r.Value) && r.Value > 0, $"{r.Name} = {r.Value}\n{writer}"));
        Assert.Equal(3 * databases, report.Lines.Count(l => l.Name.EndsWith(" p99", StringComparison.Ordinal) && double.IsFinite(l.Value) && l.Value > 0));
        var errors = report.Lines.Where(l => l.Name.Contains("errors", StringComparison.Ordinal)).ToList();
        Assert.Equal(databases, errors.Count);
        Assert.All(errors, e => Assert.True(e.Value == 0, writer.ToString()));
    }

    [Fact]
    public async Task Startup_smoke_prints_time_and_memory_against_the_minimal_app()
    {
        using var writer = new StringWriter();
        var report = new Report(writer);

        await StartupBenchmark.RunAsync(BenchOptions.Parse(["startup", "--size", "smoke"]), report);

        var databases = BenchOptions.Parse(["startup", "--size", "smoke"]).Databases.Count;
        var ratios = report.Lines.Where(l => l.Kind == "ratio").ToList();
        Assert.Equal(2 * databases, ratios.Count);
        Assert.All(ratios, r => Assert.True(double.IsFinite(r.Value) && r.Value > 0, $"{r.Name} = {r.Value}\n{writer}"));
    }
}
