// bench/run seed: the seeding tool on its own, timed against the same database's bulk insert into a bare table, and
// its rows read back through the engine's EF model (ids, instants and journal chains as the engine reads them).
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Bench.Scale;

public static class SeedBenchmark
{
    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var cases = options.Number("cases", 2_000, 1_000_000);
        foreach (var provider in options.Databases)
        {
            report.Heading($"seed · {cases:N0} cases · {provider}");
            await using var seeded = await SeededHost.StartAsync(provider, cases);
            await PrintAsync(report, seeded, options);
        }
    }

    /// <summary>The seed's figures, its rate against the bare bulk insert, and what the engine reads back.</summary>
    internal static async Task PrintAsync(Report report, SeededHost seeded, BenchOptions options)
    {
        var provider = seeded.Database.Provider;
        var seed = seeded.Seed;
        report.Note($"{seed.Cases:N0} cases, {seed.Tasks:N0} tasks ({seed.OpenTasks:N0} open), {seed.Bookmarks:N0} bookmarks, "
            + $"{seed.Timers:N0} timers, {seed.Journal:N0} journal entries, {seed.Users:N0} people added");
        report.Figure($"{provider} seed: rows", seed.Rows, "rows");
        report.Figure($"{provider} seed: time", seed.Elapsed.TotalMinutes, "min", Goal.AtMost(10));
        var bare = await ScaleSeed.BareRowsPerSecondAsync(seeded.Database, options.Number("bare-rows", 20_000, 1_000_000));
        report.Ratio($"{provider} seed: rows/s against a bare table's bulk insert", seed.RowsPerSecond, bare, "rows/s");

        var engine = WorkflowDatabase.FromConnectionString(seeded.Database.ConnectionString);
        await using var db = engine.CreateContext();
        report.Figure($"{provider} read back: cases", await db.Instances.CountAsync(), "");
        report.Figure($"{provider} read back: tasks", await db.HumanTasks.CountAsync(), "");
        report.Figure($"{provider} read back: open tasks", await db.HumanTasks.CountAsync(t => t.Status == HumanTaskStatus.Open), "");
        var sample = await db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open).OrderBy(t => t.Id).Take(20).ToListAsync();
        var misses = 0;
        foreach (var task in sample)
        {
            misses += await db.Bookmarks.AnyAsync(b => b.Id == task.BookmarkId && b.InstanceId == task.InstanceId) ? 0 : 1;
        }

        report.Figure($"{provider} read back: open tasks without their bookmark (of {sample.Count})", misses, "");
        var cases = await db.Instances.AsNoTracking().OrderBy(i => i.Id).Select(i => i.Id).Take(10).ToListAsync();
        var broken = 0;
        foreach (var id in cases)
        {
            broken += (await JournalChain.VerifyAsync(db, id)).IsIntact ? 0 : 1;
        }

        report.Figure($"{provider} read back: broken journal chains (of {cases.Count})", broken, "");
    }
}
