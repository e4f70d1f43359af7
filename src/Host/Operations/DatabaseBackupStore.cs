// How each provider's database is copied out and back: SQLite through its online backup API (a consistent copy
// while the host keeps writing), PostgreSQL through pg_dump and pg_restore in their custom format.
using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Approvals.Host.Operations;

/// <summary>A backup or restore that could not be done, with the reason in words for the operator.</summary>
internal sealed class BackupFailedException(string message) : Exception(message);

internal abstract class DatabaseBackupStore(string connectionString)
{
    /// <summary>The database the backup is taken from and restored into.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>The database in words, for the progress lines.</summary>
    public abstract string Description { get; }

    public abstract Task BackupAsync(string file, TextWriter output, CancellationToken cancellationToken);

    /// <summary>Whether the database holds no tables (missing counts as empty): only then is a restore safe without --force.</summary>
    public abstract Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    public abstract Task RestoreAsync(string file, TextWriter output, CancellationToken cancellationToken);
}

internal sealed class SqliteBackupStore(string connectionString) : DatabaseBackupStore(connectionString)
{
    private readonly string dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;

    public override string Description => $" SQLite 数据库 {dataSource} ";

    /// <summary>A backup file opened on its own, without pooling, so the file is closed when the command ends.</summary>
    public static string ConnectionTo(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString;

    /// <summary>
    /// The whole database copied in one backup step, inside one read transaction: a consistent snapshot while the
    /// host's writers carry on (WAL), then made a single self-contained file (no -wal beside it).
    /// </summary>
    public override async Task BackupAsync(string file, TextWriter output, CancellationToken cancellationToken)
    {
        if (!File.Exists(dataSource))
        {
            throw new BackupFailedException($"数据库文件 {dataSource} 不存在。");
        }

        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await using var destination = new SqliteConnection(ConnectionTo(file));
        await source.OpenAsync(cancellationToken);
        await Pragma(source, "PRAGMA busy_timeout = 30000;", cancellationToken);
        await destination.OpenAsync(cancellationToken);
        source.BackupDatabase(destination);
        await output.WriteLineAsync("  页面已复制，正在检查备份文件 …");
        await Pragma(destination, "PRAGMA journal_mode = DELETE;", cancellationToken);
        var check = await Pragma(destination, "PRAGMA quick_check;", cancellationToken);
        if (check != "ok")
        {
            throw new BackupFailedException($"备份文件检查未通过：{check}");
        }
    }

    public override async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(dataSource))
        {
            return true;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return await Pragma(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table';", cancellationToken) == "0";
    }

    /// <summary>The backup's pages copied over the database through the same API, so a -wal left beside it is reset too.</summary>
    public override async Task RestoreAsync(string file, TextWriter output, CancellationToken cancellationToken)
    {
        await using var source = new SqliteConnection(ConnectionTo(file));
        await source.OpenAsync(cancellationToken);
        if (await Pragma(source, "SELECT count(*) FROM sqlite_master WHERE name = 'wf_instances';", cancellationToken) != "1")
        {
            throw new BackupFailedException($"{file} 不是本系统的 SQLite 备份文件。");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await destination.OpenAsync(cancellationToken);
        source.BackupDatabase(destination);
        await Pragma(destination, "PRAGMA journal_mode = WAL;", cancellationToken);
    }

    private static async Task<string> Pragma(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}

internal sealed class PostgresBackupStore(string connectionString) : DatabaseBackupStore(connectionString)
{
    private readonly NpgsqlConnectionStringBuilder settings = new(connectionString);

    public override string Description => $" PostgreSQL 数据库 {settings.Database}（{settings.Host}:{settings.Port}）";

    public override Task BackupAsync(string file, TextWriter output, CancellationToken cancellationToken) =>
        RunAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--file={file}", $"--dbname={ConnectionInfo(settings.Database!)}"], output, cancellationToken);

    public override async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(cancellationToken))
        {
            return true;
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 0;
    }

    /// <summary>Into the configured database, created first when missing; over a non-empty one (--force) its objects are dropped first.</summary>
    public override async Task RestoreAsync(string file, TextWriter output, CancellationToken cancellationToken)
    {
        var clean = !await IsEmptyAsync(cancellationToken);
        if (!await ExistsAsync(cancellationToken))
        {
            await output.WriteLineAsync($"  数据库 {settings.Database} 不存在，正在创建 …");
            await using var admin = new NpgsqlConnection(Maintenance());
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{settings.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        string[] arguments = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", $"--dbname={ConnectionInfo(settings.Database!)}", file];
        await RunAsync("pg_restore", clean ? ["--clean", "--if-exists", .. arguments] : arguments, output, cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }

    private async Task<bool> ExistsAsync(CancellationToken cancellationToken)
    {
        await using var admin = new NpgsqlConnection(Maintenance());
        await admin.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
        command.Parameters.AddWithValue("name", settings.Database!);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private string Maintenance() => new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    /// <summary>libpq's key=value form for the client tools; the password goes in their environment, not on the command line.</summary>
    private string ConnectionInfo(string database) =>
        $"host='{settings.Host}' port={settings.Port} user='{settings.Username}' dbname='{database.Replace("'", "\\'", StringComparison.Ordinal)}'";

    private async Task RunAsync(string tool, string[] arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (settings.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupFailedException($"{tool} 未能启动。");
        }
        catch (Win32Exception)
        {
            throw new BackupFailedException($"找不到 {tool}：请安装与服务器版本相同的 PostgreSQL 客户端工具，并把它加入 PATH。");
        }

        using (process)
        {
            await output.WriteLineAsync($"  正在运行 {tool} …");
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new BackupFailedException($"{tool} 退出码 {process.ExitCode}：{(await errors).Trim()}");
            }
        }
    }
}
