// The engine's benchmarks (issue 8, benchmarks 1 and 4): steps against the storage floor, allocations per step, and
// the timer storm.
using Approvals.Bench;
using Approvals.Bench.Engine;

return await BenchProgram.RunAsync(args, new Dictionary<string, Benchmark>
{
    ["steps"] = StepsBenchmark.RunAsync,
    ["allocations"] = AllocationsBenchmark.RunAsync,
    ["timers"] = TimerStorm.RunAsync,
});
