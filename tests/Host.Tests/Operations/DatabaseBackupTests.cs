// Backup and restore end to end: the host's `backup` command, run as its own process while the host serves and a
// school keeps starting cases, then `restore` into a fresh database, which holds every case, task and attachment
// acknowledged before the backup began, with every journal intact, and which a host serves again. On SQLite always;
// on PostgreSQL when APPROVALS_TEST_POSTGRES is set and pg_dump and pg_restore are on PATH.
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Operations;
using Approvals.Host.Persistence;
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Operations;

public sealed class DatabaseBackupTests(ITestOutputHelper output) : IDisposable
{
    private readonly string databaseFile = HostFactory.NewDatabaseFile();
    private readonly string restoredFile = HostFactory.NewDatabaseFile();
    private readonly string backupFile = Path.Combine(Path.GetTempPath(), $"approvals-backup-{Guid.NewGuid():N}.bak");

    public static TheoryData<string> Providers =>
        TestPostgres.AdminConnection is not null && OnPath("pg_dump") && OnPath("pg_restore")
            ? new TheoryData<string>("sqlite", "postgres")
            : new TheoryData<string>("sqlite");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Backup_WhileTheHostServesAndWrites_RestoresEveryCaseTaskAttachmentAndAnIntactJournal(string provider)
    {
        await using var postgres = provider == "postgres" ? await TestPostgres.CreateAsync() : null;
        await using var restoredPostgres = provider == "postgres" ? await TestPostgres.CreateAsync() : null;
        var source = postgres?.ConnectionString ?? $"Data Source={databaseFile};Pooling=False";
        var restored = restoredPostgres?.ConnectionString ?? $"Data Source={restoredFile};Pooling=False";
        await using var factory = new HostFactory(databaseFile) { ConnectionString = postgres?.ConnectionString };
        using var school = await factory.SignInAsync("school");
        using var city = await factory.SignInAsync("hohhot");

        // Two processes, files on the filings, some cases a step further on.
        var cases = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var form = MajorForm($"专业{i}");
            form["evidence"] = new JsonArray(await UploadPdfAsync(school, $"校企合作协议{i}.pdf"));
            var started = await ReadAsync(await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form }));
            cases.Add(started["id"]!.GetValue<string>());
            cases.Add(await StartRewardsAsync(school));
        }

        await DecideAsync(city, cases[0], "return", new { comment = "请补充材料" });
        await DecideAsync(city, cases[2], "approve", CityApproval());

        // A school keeps starting cases while the backup runs.
        using var stop = new CancellationTokenSource();
        var acknowledged = new List<string>();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var id = await StartFilingAsync(school, "备份期间申报");
                lock (acknowledged)
                {
                    acknowledged.Add(id);
                }
            }
        });
        await WaitForAsync(() => acknowledged.Count >= 2);
        string[] beforeBackup;
        lock (acknowledged)
        {
            beforeBackup = [.. cases, .. acknowledged];
        }

        var watch = Stopwatch.StartNew();
        var (exitCode, printed) = await RunHostCommandAsync("backup", backupFile, $"--ConnectionStrings:Approvals={source}");
        var backupTime = watch.Elapsed;
        var writtenDuring = acknowledged.Count - (beforeBackup.Length - cases.Count);
        await WaitForAsync(() => acknowledged.Count >= beforeBackup.Length - cases.Count + writtenDuring + 2);
        await stop.CancelAsync();
        await writer;
        Assert.True(exitCode == 0, printed);
        Assert.Contains("备份完成", printed, StringComparison.Ordinal);

        watch.Restart();
        using var restoreOutput = new StringWriter();
        Assert.Equal(0, await new DatabaseCommand(DatabaseCommand.Restore, backupFile, false, []).RunAsync(restored, restoreOutput));
        output.WriteLine($"{provider}: backup {new FileInfo(backupFile).Length} bytes in {backupTime.TotalSeconds:0.00} s " +
            $"({writtenDuring} cases started meanwhile), restore and verify {watch.Elapsed.TotalSeconds:0.00} s");
        output.WriteLine(printed + restoreOutput);
        Assert.Contains("全部校验通过", restoreOutput.ToString(), StringComparison.Ordinal);

        var ids = beforeBackup.Select(c => new InstanceId(Guid.Parse(c))).ToList();
        var expected = await SnapshotAsync(source, ids);
        var actual = await SnapshotAsync(restored, ids);
        Assert.Equal(ids.Count, actual.Cases.Count);
        Assert.Equal(expected.Cases, actual.Cases);
        Assert.Equal(expected.Tasks, actual.Tasks);
        Assert.Equal(6, actual.Attachments.Count);
        Assert.Equal(expected.Attachments, actual.Attachments);
        var (verified, broken) = await new JournalAudit(WorkflowDatabase.FromConnectionString(restored), TimeProvider.System).VerifyAllAsync();
        Assert.Empty(broken);
        Assert.True(verified >= ids.Count);

        // A second restore over the now non-empty database is refused without --force.
        using var refused = new StringWriter();
        Assert.Equal(1, await new DatabaseCommand(DatabaseCommand.Restore, backupFile, false, []).RunAsync(restored, refused));
        Assert.Contains("不是空的", refused.ToString(), StringComparison.Ordinal);

        // And a host serves the restored database: the case page shows the case, its file and its journal intact.
        await using var again = new HostFactory(restoredFile) { ConnectionString = restoredPostgres?.ConnectionString };
        using var schoolAgain = await again.SignInAsync("school");
        var view = await GetCaseAsync(schoolAgain, cases[0]);
        Assert.True(view["journalIntact"]!.GetValue<bool>());
        Assert.Single(view["attachments"]!.AsArray());
        Assert.NotEmpty(await ListAsync(schoolAgain, "todo"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
        HostFactory.DeleteDatabase(restoredFile);
        File.Delete(backupFile);
    }

    /// <summary>The cases' rows as comparable text: case heads, their tasks, their attachments with content hashes.</summary>
    private static async Task<(List<string> Cases, List<string> Tasks, List<string> Attachments)> SnapshotAsync(string connectionString, List<InstanceId> ids)
    {
        await using var engine = WorkflowDatabase.FromConnectionString(connectionString).CreateContext();
        await using var host = ApprovalsDbRegistration.Create(connectionString);
        var cases = await engine.Instances.Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Status, i.JournalSequence, i.JournalHash }).ToListAsync();
        var tasks = await engine.HumanTasks.Where(t => ids.Contains(t.InstanceId)).Select(t => new { t.Id, t.InstanceId, t.NodeId, t.Status }).ToListAsync();
        var attachments = await host.Attachments.Where(a => a.CaseId != null && ids.Contains(a.CaseId.Value)).Select(a => new { a.Id, a.CaseId, a.Sha256, a.Size }).ToListAsync();
        return (
            [.. cases.Select(c => $"{c.Id} {c.Status} {c.JournalSequence} {c.JournalHash}").Order(StringComparer.Ordinal)],
            [.. tasks.Select(t => $"{t.Id} {t.InstanceId} {t.NodeId} {t.Status}").Order(StringComparer.Ordinal)],
            [.. attachments.Select(a => $"{a.Id} {a.CaseId} {a.Sha256} {a.Size}").Order(StringComparer.Ordinal)]);
    }

    /// <summary>The host's own executable with a command, as an operator runs it; its exit code and what it printed.</summary>
    private static async Task<(int ExitCode, string Output)> RunHostCommandAsync(params string[] arguments)
    {
        var hostDll = typeof(DatabaseCommand).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(hostDll), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var printed = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, printed + await errors);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "30 秒内没有等到");
            await Task.Delay(20);
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, tool)));
}
