namespace Approvals.Bench.Tests;

public sealed class BenchOptionsTests
{
    [Fact]
    public void Smoke_size_takes_the_smoke_default_and_an_explicit_setting_wins()
    {
        var options = BenchOptions.Parse(["steps", "--size", "smoke", "--instances", "7", "--db", "sqlite"]);

        Assert.True(options.Smoke);
        Assert.Equal(7, options.Number("instances", 10, 1000));
        Assert.Equal(3, options.Number("rounds", 3, 30));
        Assert.Equal(["sqlite"], options.Databases);
    }

    [Fact]
    public void A_ratio_line_carries_its_goal_and_verdict()
    {
        using var writer = new StringWriter();
        var report = new Report(writer);

        var line = report.Ratio("engine / floor", 300, 600, "steps/s", Goal.AtLeast(0.5));

        Assert.Equal(0.5, line.Value);
        Assert.True(line.Met);
        Assert.Contains("ratio  engine / floor: 0.50  (300 / 600 steps/s)   goal ≥ 0.50, met", writer.ToString());
    }
}
