// The scale benchmarks: seed (the bulk seeding tool), worklists (待办 / 已办 / 超时 on a million cases) and history
// (start, resume and list kept flat as finished cases and published versions pile up) and audit (the journal audit,
// /health and backup/restore on a seeded database).
namespace Approvals.Bench.Scale;

public static class ScaleProgram
{
    public static Task<int> Main(string[] args) => BenchProgram.RunAsync(args, new Dictionary<string, Benchmark>
    {
        ["seed"] = SeedBenchmark.RunAsync,
        ["worklists"] = WorkListBenchmark.RunAsync,
        ["history"] = HistoryBenchmark.RunAsync,
        ["audit"] = JournalAuditBenchmark.RunAsync,
    });
}
