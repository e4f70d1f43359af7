// The load and start-up benchmarks of the API, and the hidden empty-web mode: the minimal web application that
// serves as their baseline when started as a separate process.
using Approvals.Bench;
using Approvals.Bench.Load;

if (args is [MinimalWebApp.Mode, .. var rest])
{
    await MinimalWebApp.ServeAsync(rest);
    return 0;
}

return await BenchProgram.RunAsync(args, new Dictionary<string, Benchmark>
{
    ["load"] = LoadBenchmark.RunAsync,
    ["startup"] = StartupBenchmark.RunAsync,
});
