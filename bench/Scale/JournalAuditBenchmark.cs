// bench/run audit: the journal audit, /health and backup/restore on a seeded database (a million cases at full size):
// every journal verified once (as a restore does) against the time one audit run takes, /health's latency while the
// Host serves that many cases, and the backup command's file and time with the restore of it into a fresh database.
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Operations;
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Bench.Scale;

public static class JournalAuditBenchmark
{
    /// <summary>The Host's default slice of the rolling round.</summary>
    private const int SliceSize = 2_000;

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var cases = options.Number("cases", 2_000, 1_000_000);
        var runs = options.Number("runs", 3, 10);
        foreach (var provider in options.Databases)
        {
            report.Heading($"journal audit, /health, backup and restore · {cases:N0} cases · {provider}");
            await using var seeded = await SeededHost.StartAsync(provider, cases);
            var engine = WorkflowDatabase.FromConnectionString(seeded.Database.ConnectionString);
            var audit = new JournalAudit(engine, TimeProvider.System);

            var watch = Stopwatch.StartNew();
            var (verified, broken) = await audit.VerifyAllAsync();
            var all = watch.Elapsed;
            report.Figure($"{provider} verify all: cases", verified, "");
            report.Figure($"{provider} verify all: broken", broken.Count, "", Goal.AtMost(0));
            report.Figure($"{provider} verify all: time", all.TotalSeconds, "s");

            // Right after the seed every case is "written since": a run reads its 20,000 newest journal rows' cases
            // beside its slice, the heaviest a run gets in steady use.
            var runTimes = new Latencies();
            for (var i = 0; i < runs; i++)
            {
                await runTimes.TimeAsync(() => audit.RunAsync(SliceSize));
            }

            var perCase = all.TotalMilliseconds / Math.Max(1, verified);
            report.Ratio($"{provider} audit run (slice {SliceSize:N0} + new rows) against verifying {SliceSize:N0} cases at the verify-all rate",
                runTimes.Percentile(50), perCase * SliceSize, "ms");
            report.Figure($"{provider} audit run: p50", runTimes.Percentile(50), "ms", Goal.AtMost(30_000));
            report.Figure($"{provider} audit round: minutes for every case at one run a minute", Math.Ceiling(cases / (double)SliceSize), "min");

            using var http = new HttpClient { BaseAddress = seeded.Host.Address };
            var health = new Latencies();
            JsonObject? last = null;
            for (var i = 0; i < 50; i++)
            {
                last = await health.TimeAsync(() => http.GetFromJsonAsync<JsonObject>("/health"));
            }

            report.Figure($"{provider} /health: p50", health.Percentile(50), "ms");
            report.Figure($"{provider} /health: p99", health.Percentile(99), "ms", Goal.AtMost(200));
            report.Note($"/health journal: {last?["journal"]?.ToJsonString()}");

            await BackupAndRestoreAsync(report, provider, seeded);
        }
    }

    private static async Task BackupAndRestoreAsync(Report report, string provider, SeededHost seeded)
    {
        var file = Path.Combine(Path.GetTempPath(), $"approvals-bench-{Guid.NewGuid():N}.bak");
        await using var target = await BenchDatabase.CreateAsync(provider, "restored");
        try
        {
            var watch = Stopwatch.StartNew();
            var backedUp = await new DatabaseCommand(DatabaseCommand.Backup, file, false, []).RunAsync(seeded.Database.ConnectionString, TextWriter.Null);
            report.Figure($"{provider} backup: exit code", backedUp, "", Goal.AtMost(0));
            report.Figure($"{provider} backup: time", watch.Elapsed.TotalSeconds, "s");
            report.Figure($"{provider} backup: size", new FileInfo(file).Length / 1024d / 1024d, "MB");

            watch.Restart();
            using var printed = new StringWriter();
            var restored = await new DatabaseCommand(DatabaseCommand.Restore, file, true, []).RunAsync(target.ConnectionString, printed);
            report.Figure($"{provider} restore and verify: exit code", restored, "", Goal.AtMost(0));
            report.Figure($"{provider} restore and verify: time", watch.Elapsed.TotalSeconds, "s");
            report.Note(printed.ToString().Trim().Split('\n')[^1]);
            await using var db = WorkflowDatabase.FromConnectionString(target.ConnectionString).CreateContext();
            report.Figure($"{provider} restored: cases", await db.Instances.CountAsync(), "");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
