// The one Main of every benchmark program: the benchmark named first runs with the options after it and prints its
// report; an unknown name or a bad option prints the usage.
namespace Approvals.Bench;

public delegate Task Benchmark(BenchOptions options, Report report);

public static class BenchProgram
{
    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, Benchmark> benchmarks)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            return Usage(e.Message, benchmarks);
        }

        if (!benchmarks.TryGetValue(options.Benchmark, out var benchmark))
        {
            return Usage($"Unknown benchmark \"{options.Benchmark}\".", benchmarks);
        }

        var report = new Report(Console.Out);
        await benchmark(options, report);
        var missed = report.Lines.Count(l => l.Met == false);
        Console.WriteLine();
        Console.WriteLine(missed == 0 ? "every goal met" : $"{missed} goal(s) not met");
        return 0;
    }

    private static int Usage(string problem, IReadOnlyDictionary<string, Benchmark> benchmarks)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine($"usage: bench/run {{{string.Join('|', benchmarks.Keys)}}} [--size smoke|full] [--db sqlite|postgres|both] [--name value …]");
        return 2;
    }
}
