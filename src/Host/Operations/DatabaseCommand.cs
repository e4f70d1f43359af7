// `backup <file>` and `restore <file> [--force]` on the command line of the host: they run against the configured
// database and exit without starting the web server. A backup is taken while the host runs (SQLite's online backup,
// pg_dump for PostgreSQL); a restore goes into a stopped host's database and verifies every journal afterwards.
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Approvals.Host.Operations;

internal sealed record DatabaseCommand(string Verb, string File, bool Force, string[] HostArguments)
{
    public const string Backup = "backup";
    public const string Restore = "restore";

    private const string Usage = """
        用法：
          dotnet run --project src/Host -- backup <备份文件> [--force]     在线备份当前配置的数据库（服务可以照常运行）
          dotnet run --project src/Host -- restore <备份文件> [--force]    把备份恢复到当前配置的数据库（请先停止服务）
        --force：备份时覆盖已有的备份文件；恢复时覆盖非空的数据库。
        其余参数（如 --ConnectionStrings:Approvals=…）与启动服务时相同。
        """;

    /// <summary>The command the arguments name, or null when they are the web server's own.</summary>
    public static DatabaseCommand? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not (Backup or Restore))
        {
            return null;
        }

        var rest = args.Skip(1).ToList();
        var force = rest.Remove("--force");
        var file = rest.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal));
        if (file is not null)
        {
            rest.Remove(file);
        }

        return new DatabaseCommand(args[0], file ?? "", force, [.. rest]);
    }

    /// <summary>Runs the command, writing its progress and a summary to <paramref name="output"/>; 0 on success.</summary>
    public async Task<int> RunAsync(string connectionString, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (File.Length == 0)
        {
            await output.WriteLineAsync($"缺少备份文件名。\n{Usage}");
            return 2;
        }

        var path = Path.GetFullPath(File);
        var database = WorkflowDatabase.FromConnectionString(connectionString);
        var store = database.Provider == DatabaseProvider.Sqlite
            ? (DatabaseBackupStore)new SqliteBackupStore(connectionString)
            : new PostgresBackupStore(connectionString);
        var watch = Stopwatch.StartNew();
        try
        {
            return Verb == Backup
                ? await BackupAsync(store, database, path, watch, output, cancellationToken)
                : await RestoreAsync(store, path, watch, output, cancellationToken);
        }
        catch (BackupFailedException ex)
        {
            await output.WriteLineAsync($"失败：{ex.Message}");
            return 1;
        }
    }

    private async Task<int> BackupAsync(
        DatabaseBackupStore store, WorkflowDatabase database, string path, Stopwatch watch, TextWriter output, CancellationToken cancellationToken)
    {
        if (System.IO.File.Exists(path) && !Force)
        {
            await output.WriteLineAsync($"备份文件 {path} 已存在，未覆盖。要覆盖请加 --force。");
            return 1;
        }

        await output.WriteLineAsync($"正在备份{store.Description}到 {path} …");
        var partial = path + ".partial";
        System.IO.File.Delete(partial);
        await store.BackupAsync(partial, output, cancellationToken);
        System.IO.File.Move(partial, path, overwrite: true);
        var size = new FileInfo(path).Length;
        var counts = store is SqliteBackupStore
            ? await CountsAsync(SqliteBackupStore.ConnectionTo(path), cancellationToken)
            : await CountsAsync(database.ConnectionString, cancellationToken);
        await output.WriteLineAsync(
            $"备份完成：{path}，{Megabytes(size)}，用时 {Seconds(watch)}。" +
            (store is SqliteBackupStore ? "备份中有" : "备份结束时数据库中有") + counts.Describe() + "。");
        return 0;
    }

    private async Task<int> RestoreAsync(DatabaseBackupStore store, string path, Stopwatch watch, TextWriter output, CancellationToken cancellationToken)
    {
        if (!System.IO.File.Exists(path))
        {
            await output.WriteLineAsync($"备份文件 {path} 不存在。");
            return 1;
        }

        if (!await store.IsEmptyAsync(cancellationToken))
        {
            if (!Force)
            {
                await output.WriteLineAsync($"{store.Description}不是空的，未恢复。确认要用备份覆盖其中全部数据，请停止服务后加 --force 重新执行。");
                return 1;
            }

            await output.WriteLineAsync($"{store.Description}不是空的，按 --force 用备份覆盖。");
        }

        await output.WriteLineAsync($"正在从 {path} 恢复{store.Description} …");
        await store.RestoreAsync(path, output, cancellationToken);
        var restoredIn = Seconds(watch);
        var counts = await CountsAsync(store.ConnectionString, cancellationToken);
        await output.WriteLineAsync($"数据已恢复，用时 {restoredIn}：{counts.Describe()}。正在校验每个案件的办理记录 …");

        var audit = new JournalAudit(WorkflowDatabase.FromConnectionString(store.ConnectionString), TimeProvider.System);
        var progress = new ProgressLines(output);
        var (verified, broken) = await audit.VerifyAllAsync(progress, cancellationToken);
        if (broken.Count > 0)
        {
            await output.WriteLineAsync($"恢复完成，但 {broken.Count} 个案件的办理记录校验未通过（备份前已被改动）：");
            foreach (var (id, verification) in broken.Take(20))
            {
                await output.WriteLineAsync($"  案件 {id}：{verification.Problem}");
            }

            return 1;
        }

        await output.WriteLineAsync($"恢复完成：{verified} 个案件的办理记录全部校验通过，总用时 {Seconds(watch)}。可以启动服务。");
        return 0;
    }

    /// <summary>Plain counts, not through the EF models: building those would take longer than a small backup.</summary>
    private static async Task<RowCounts> CountsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = WorkflowDatabase.FromConnectionString(connectionString).Provider == DatabaseProvider.Sqlite
            ? (DbConnection)new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString)
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT (SELECT count(*) FROM wf_instances), (SELECT count(*) FROM wf_tasks), (SELECT count(*) FROM app_attachments), (SELECT count(*) FROM wf_journal)";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RowCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static string Seconds(Stopwatch watch) => watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " 秒";

    /// <summary>Writes the count verified as it grows, every 20,000 cases, in order with the other lines (unlike Progress, which posts).</summary>
    private sealed class ProgressLines(TextWriter output) : IProgress<long>
    {
        private long written;

        public void Report(long value)
        {
            if (value - written >= 20_000)
            {
                output.WriteLine($"  已校验 {value} 个案件 …");
                written = value;
            }
        }
    }

    private sealed record RowCounts(long Cases, long Tasks, long Attachments, long JournalEntries)
    {
        public string Describe() => $"案件 {Cases} 个、任务 {Tasks} 个、附件 {Attachments} 个、办理记录 {JournalEntries} 条";
    }
}
