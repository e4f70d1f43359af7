// The command line every benchmark takes: its name, then --size smoke|full, --db sqlite|postgres|both and its own
// --name value settings.
namespace Approvals.Bench;

public sealed class BenchOptions
{
    private readonly Dictionary<string, string> values;

    private BenchOptions(string benchmark, Dictionary<string, string> values)
    {
        Benchmark = benchmark;
        this.values = values;
    }

    public string Benchmark { get; }

    /// <summary>CI's small size: enough to run every path and print every line in seconds.</summary>
    public bool Smoke => Text("size", "full") == "smoke";

    /// <summary>The databases to run on: both when PostgreSQL is configured, else SQLite alone.</summary>
    public IReadOnlyList<string> Databases => Text("db", BenchDatabase.PostgresAdmin is null ? "sqlite" : "both") switch
    {
        "both" => ["sqlite", "postgres"],
        var one => [one],
    };

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("The benchmark's name comes first.");
        }

        var values = new Dictionary<string, string>();
        for (var i = 1; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected --name value, found \"{args[i]}\".");
            }

            values[args[i][2..]] = args[++i];
        }

        var options = new BenchOptions(args[0], values);
        if (options.Text("size", "full") is not ("smoke" or "full"))
        {
            throw new ArgumentException("--size is smoke or full.");
        }

        return options;
    }

    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    /// <summary>A number setting, with separate defaults for the smoke and the full size.</summary>
    public int Number(string name, int smoke, int full) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : Smoke ? smoke : full;
}
