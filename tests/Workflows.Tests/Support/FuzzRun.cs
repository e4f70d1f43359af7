// The size and seed of a fuzz run, shared by the engine's and the host's fuzz tests (the host's project links this
// file): APPROVALS_FUZZ_RUNS inputs per property (a CI size when unset), APPROVALS_FUZZ_SEED to replay a run.
using FsCheck;
using FsCheck.Fluent;

namespace Approvals.Tests.Fuzzing;

public static class FuzzRun
{
    /// <summary>Inputs per property when APPROVALS_FUZZ_RUNS is not set: what CI runs.</summary>
    public const int CiRuns = 20;

    public const string RunsVariable = "APPROVALS_FUZZ_RUNS";

    public const string SeedVariable = "APPROVALS_FUZZ_SEED";

    /// <summary>The generators' size: how long lists and how far numbers may grow.</summary>
    private const int Size = 40;

    public static int Runs { get; } =
        int.TryParse(Environment.GetEnvironmentVariable(RunsVariable), out var runs) && runs > 0 ? runs : CiRuns;

    /// <summary>One seed per test process, so the inputs of every property in the run follow from one printed number.</summary>
    public static ulong Seed { get; } =
        ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var seed) ? seed : (ulong)Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>How to run these inputs again.</summary>
    public static string Replay => $"{SeedVariable}={Seed} {RunsVariable}={Runs}";

    /// <summary>
    /// The inputs of one property: <paramref name="count"/> (by default <see cref="Runs"/>) values of the generator,
    /// the same ones for the same seed. Each property draws from its own stream of the seed.
    /// </summary>
    public static IReadOnlyList<T> Inputs<T>(Gen<T> generator, string property, int? count = null)
    {
        return [.. generator.Sample(count ?? Runs, new Rnd(Seed ^ Stream(property)), Size)];
    }

    /// <summary>Checks every input, and fails once with every input that broke the property (the first few in full).</summary>
    public static async Task CheckAsync<T>(
        IReadOnlyList<T> inputs, string property, Func<T, Task<string?>> check, Action<string>? log = null)
    {
        var failures = new List<string>();
        for (var i = 0; i < inputs.Count; i++)
        {
            string? failure;
            try
            {
                failure = await check(inputs[i]);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failure = $"threw {ex.GetType().Name}: {ex.Message}";
            }

            if (failure is not null)
            {
                failures.Add($"input #{i} ({Describe(inputs[i])}): {failure}");
            }
        }

        log?.Invoke($"{property}: {inputs.Count} inputs, {failures.Count} failed; {Replay}");
        Assert.True(failures.Count == 0, $"{property}: {failures.Count} of {inputs.Count} inputs failed ({Replay}):\n"
                                         + string.Join("\n", failures.Take(5)));
    }

    /// <summary>An input as a failure message shows it: at most 300 characters.</summary>
    public static string Describe<T>(T input)
    {
        var text = input?.ToString() ?? "null";
        return text.Length > 300 ? $"{text[..300]}… ({text.Length} characters)" : text;
    }

    /// <summary>A stable number per property name (string.GetHashCode differs between processes).</summary>
    private static ulong Stream(string property)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in property)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
