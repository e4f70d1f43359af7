// The chaos benchmarks at their smoke size: the Host killed with SIGKILL under load and restarted (SQLite), and two
// Hosts on one PostgreSQL database with one of them killed mid-run. Every check of the audit must hold: no
// acknowledged action lost, no case stuck, every due timer fired once, every journal intact, no 5xx; and the kills
// must really have happened.
using Approvals.Bench.Chaos;
using Xunit.Abstractions;

namespace Approvals.Bench.Tests;

public sealed class ChaosBenchTests(ITestOutputHelper output)
{
    private static readonly string[] MustBeZero =
    [
        "lost acknowledged actions", "stuck cases", "timers fired twice", "due timers not fired", "broken journals",
        "cases missing from the API", "5xx responses", "other 4xx responses", "nodes that failed to prepare the database",
    ];

    [Fact]
    public async Task Crash_smoke_survives_every_kill_on_sqlite_with_nothing_lost()
    {
        using var writer = new StringWriter();
        var report = new Report(writer);

        await ChaosBenchmark.RunCrashAsync(BenchOptions.Parse(["crash", "--size", "smoke", "--db", "sqlite", "--kills", "4"]), report);

        // Four kills under load and the last restart before the audit.
        AssertHeld(report, writer, kills: 5);
    }

    [Fact]
    public async Task Twonodes_smoke_carries_on_through_a_killed_node_on_postgres_with_nothing_lost()
    {
        if (BenchDatabase.PostgresAdmin is null)
        {
            // Skipped-as-passing without PostgreSQL, like the other PostgreSQL tests; CI sets APPROVALS_TEST_POSTGRES.
            return;
        }

        using var writer = new StringWriter();
        var report = new Report(writer);

        await ChaosBenchmark.RunTwoNodesAsync(BenchOptions.Parse(["twonodes", "--size", "smoke", "--kills", "1"]), report);

        AssertHeld(report, writer, kills: 1);
        Assert.All(report.Lines.Where(l => l.Name.StartsWith("connections to node", StringComparison.Ordinal)), l => Assert.True(l.Value > 0, writer.ToString()));
        Assert.Equal(2, report.Lines.Count(l => l.Name.StartsWith("connections to node", StringComparison.Ordinal)));
    }

    private void AssertHeld(Report report, StringWriter writer, int kills)
    {
        // The whole report in the test's output, so a failure in CI shows every figure and finding.
        output.WriteLine(writer.ToString());
        double Value(string name) => report.Lines.Single(l => l.Name == name).Value;

        Assert.True(Value("kills survived") == kills, writer.ToString());
        Assert.True(Value("requests acknowledged") > 0 && Value("actions checked") == Value("requests acknowledged"), writer.ToString());
        Assert.True(Value("timers fired") > 0, writer.ToString());
        Assert.All(MustBeZero, name => Assert.True(Value(name) == 0, $"{name}\n{writer}"));
    }
}
