// A fresh database for one measurement: a SQLite file in WAL mode, or a PostgreSQL database created on the server
// APPROVALS_BENCH_POSTGRES (else APPROVALS_TEST_POSTGRES) names, dropped afterwards.
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Approvals.Bench;

public sealed class BenchDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "APPROVALS_BENCH_POSTGRES";

    private readonly Func<Task> drop;

    private BenchDatabase(string provider, string connectionString, Func<Task> drop)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.drop = drop;
    }

    /// <summary>"sqlite" or "postgres".</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The administrator's connection string for PostgreSQL, or null when none is configured.</summary>
    public static string? PostgresAdmin =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("APPROVALS_TEST_POSTGRES") is { Length: > 0 } test ? test
        : null;

    public static async Task<BenchDatabase> CreateAsync(string provider, string name = "bench")
    {
        if (provider == "postgres")
        {
            var admin = PostgresAdmin ?? throw new InvalidOperationException(
                $"PostgreSQL is not configured: set {PostgresVariable} to an administrator's connection string.");
            var database = $"approvals_{name}_{Guid.NewGuid():N}";
            database = database[..Math.Min(63, database.Length)];
            await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"");
            var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
            return new BenchDatabase(provider, connectionString, async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            });
        }

        if (provider != "sqlite")
        {
            throw new ArgumentException($"Unknown database \"{provider}\": sqlite or postgres.", nameof(provider));
        }

        var file = Path.Combine(Path.GetTempPath(), $"approvals-{name}-{Guid.NewGuid():N}.db");
        var sqlite = new SqliteConnectionStringBuilder { DataSource = file }.ConnectionString;
        await using (var connection = new SqliteConnection(sqlite))
        {
            await connection.OpenAsync();
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync();
        }

        return new BenchDatabase(provider, sqlite, () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return Task.CompletedTask;
        });
    }

    public ValueTask DisposeAsync() => new(drop());

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
