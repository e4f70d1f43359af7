// The chaos benchmarks: the Host killed with SIGKILL under load and restarted (crash), and two Hosts on one PostgreSQL
// database behind a round-robin proxy, one of them killed mid-run (twonodes); each ends with an audit of the database.
using Approvals.Bench;
using Approvals.Bench.Chaos;

return await BenchProgram.RunAsync(args, new Dictionary<string, Benchmark>
{
    ["crash"] = ChaosBenchmark.RunCrashAsync,
    ["twonodes"] = ChaosBenchmark.RunTwoNodesAsync,
});
