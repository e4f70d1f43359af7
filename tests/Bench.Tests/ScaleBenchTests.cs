// The scale benchmarks at their smoke size, on SQLite and (when configured) PostgreSQL: the seed's rows read back
// whole through the engine's model, every work list and the history's rounds answered without an error, and every
// ratio line printed with a finite positive value. The performance goals themselves are the full size's business.
using Approvals.Bench.Scale;

namespace Approvals.Bench.Tests;

public sealed class ScaleBenchTests
{
    [Fact]
    public async Task WorkLists_Smoke_SeedsCoherentRowsAndAnswersEveryList()
    {
        using var writer = new StringWriter();
        var report = new Report(writer);
        var options = BenchOptions.Parse(["worklists", "--size", "smoke"]);

        await WorkListBenchmark.RunAsync(options, report);

        foreach (var db in options.Databases)
        {
            Assert.Equal(2_000, Value(report, $"{db} read back: cases"));
            Assert.True(Value(report, $"{db} read back: tasks") >= 8_000);
            Assert.True(Value(report, $"{db} read back: open tasks") > 0);
            Assert.Equal(0, Value(report, $"{db} read back: open tasks without their bookmark (of 20)"));
            Assert.Equal(0, Value(report, $"{db} read back: broken journal chains (of 10)"));
            var ratios = Ratios(report, db);
            Assert.Equal(1 + (WorkListBenchmark.Users.Count * ((WorkListBenchmark.Lists.Count * 2) + 1)), ratios.Count);
        }

        Assert.Contains("indexes IX_wf_tasks_", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_Smoke_EveryRoundFindsAndResumesItsTask()
    {
        var report = new Report(TextWriter.Null);
        var options = BenchOptions.Parse(["history", "--size", "smoke"]);

        await HistoryBenchmark.RunAsync(options, report);

        foreach (var db in options.Databases)
        {
            Assert.Equal(0, Value(report, $"{db} errors"));
            Assert.Equal(6, Ratios(report, db).Count);
        }
    }

    [Fact]
    public async Task JournalAudit_Smoke_VerifiesEveryCaseAnswersHealthAndRestoresTheBackup()
    {
        var report = new Report(TextWriter.Null);
        var options = BenchOptions.Parse(["audit", "--size", "smoke", "--cases", "500", "--runs", "2"]);

        await JournalAuditBenchmark.RunAsync(options, report);

        foreach (var db in options.Databases)
        {
            Assert.Equal(500, Value(report, $"{db} verify all: cases"));
            Assert.Equal(0, Value(report, $"{db} verify all: broken"));
            Assert.Equal(0, Value(report, $"{db} backup: exit code"));
            Assert.True(Value(report, $"{db} backup: size") > 0);
            Assert.Equal(0, Value(report, $"{db} restore and verify: exit code"));
            Assert.Equal(500, Value(report, $"{db} restored: cases"));
            Assert.Single(Ratios(report, db));
        }
    }

    private static double Value(Report report, string name) => report.Lines.Single(l => l.Name == name).Value;

    /// <summary>The database's ratio lines, each asserted finite and positive.</summary>
    private static List<ReportLine> Ratios(Report report, string db)
    {
        var ratios = report.Lines.Where(l => l.Kind == "ratio" && l.Name.StartsWith(db + " ", StringComparison.Ordinal)).ToList();
        Assert.All(ratios, l => Assert.True(double.IsFinite(l.Value) && l.Value > 0, $"{l.Name}: {l.Value}"));
        return ratios;
    }
}
