// How every benchmark prints: a header with the machine and its load, then "figure" lines (absolute values, for the
// record) and "ratio" lines (a figure over a baseline measured in the same run), each with its goal and whether it was
// met. The lines are also kept, so a smoke test can read them back.
using System.Globalization;

namespace Approvals.Bench;

/// <summary>A goal for a figure or ratio: at least or at most a target.</summary>
public sealed record Goal(string Operator, double Target)
{
    public static Goal AtLeast(double target) => new("≥", target);

    public static Goal AtMost(double target) => new("≤", target);

    public bool IsMetBy(double value) => Operator == "≥" ? value >= Target : value <= Target;

    public override string ToString() => $"goal {Operator} {Report.Format(Target)}";
}

/// <summary>One printed line: a figure, or a ratio against its baseline.</summary>
public sealed record ReportLine(string Kind, string Name, double Value, string Unit, Goal? Goal)
{
    public bool? Met => Goal?.IsMetBy(Value);
}

public sealed class Report(TextWriter writer)
{
    private readonly List<ReportLine> lines = [];

    public IReadOnlyList<ReportLine> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>The benchmark's heading: what runs, when, and on what (the load average says how noisy the machine was).</summary>
    public void Heading(string title)
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        writer.WriteLine();
        writer.WriteLine($"== {title} · {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · load average {load}");
    }

    public void Note(string text) => writer.WriteLine($"   {text}");

    public ReportLine Figure(string name, double value, string unit, Goal? goal = null) =>
        Write(new ReportLine("figure", name, value, unit, goal), $"{Format(value)} {unit}".TrimEnd());

    /// <summary>value ÷ baseline, printed with both.</summary>
    public ReportLine Ratio(string name, double value, double baseline, string unit, Goal? goal = null)
    {
        var ratio = baseline == 0 ? double.PositiveInfinity : value / baseline;
        return Write(new ReportLine("ratio", name, ratio, "", goal), $"{Format(ratio)}  ({Format(value)} / {Format(baseline)} {unit})");
    }

    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "∞",
        >= 100 => value.ToString("#,0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private ReportLine Write(ReportLine line, string text)
    {
        var verdict = line.Goal is null ? "" : $"   {line.Goal}, {(line.Met == true ? "met" : "NOT met")}";
        lock (lines)
        {
            lines.Add(line);
            writer.WriteLine($"{line.Kind,-7}{line.Name}: {text}{verdict}");
        }

        return line;
    }
}
