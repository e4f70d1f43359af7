// Chooses the provider from the connection string and hands out one context per unit of work.
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Approvals.Workflows.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

[SuppressMessage("Reliability", "CA1001", Justification = "The write turns' semaphore is only awaited, so it never makes a wait handle that would need disposing; the database lives as long as the process.")]
public sealed class WorkflowDatabase
{
    private readonly DbContextOptions<SqliteWorkflowDbContext>? sqlite;
    private readonly DbContextOptions<PostgresWorkflowDbContext>? postgres;
    private readonly SemaphoreSlim? writeTurns;

    public WorkflowDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            sqlite = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
                .UseSqlite(connectionString)
                .Options;
            writeTurns = new SemaphoreSlim(1, 1);
        }
        else
        {
            postgres = new DbContextOptionsBuilder<PostgresWorkflowDbContext>()
                .UseNpgsql(connectionString)
                .Options;
        }
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>"Data Source=…" is SQLite; "Host=…" is PostgreSQL.</summary>
    public static WorkflowDatabase FromConnectionString(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new WorkflowDatabase(DatabaseProvider.Postgres, connectionString)
            : new WorkflowDatabase(DatabaseProvider.Sqlite, connectionString);

    public WorkflowDbContext CreateContext() => Provider == DatabaseProvider.Sqlite
        ? new SqliteWorkflowDbContext(sqlite!)
        : new PostgresWorkflowDbContext(postgres!);

    /// <summary>
    /// Waits for this process's turn to write, on SQLite; PostgreSQL writes concurrently and needs no turns. SQLite
    /// lets one transaction write at a time and an engine step holds that lock from its first read to its commit;
    /// a second step that asks meanwhile is refused as busy, and Microsoft.Data.Sqlite then puts its thread to sleep
    /// and tries again. Under load those sleeps, not the work, made the latency (and held thread-pool threads), so the
    /// steps of one process queue here instead, without a thread each. Dispose the turn after the commit.
    /// </summary>
    public async ValueTask<IDisposable?> WriteTurnAsync(CancellationToken cancellationToken = default)
    {
        if (writeTurns is null)
        {
            return null;
        }

        await writeTurns.WaitAsync(cancellationToken);
        return new WriteTurn(writeTurns);
    }

    /// <summary>Applies every pending migration; on SQLite also switches the file to WAL.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        if (Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(ConnectionString);
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>One writer's turn on SQLite; the next writer's begins when it is disposed.</summary>
internal sealed class WriteTurn(SemaphoreSlim turns) : IDisposable
{
    private int released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            turns.Release();
        }
    }
}

/// <summary>Lets `dotnet ef migrations add` build each provider's context without a host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWorkflowDbContext>
{
    public SqliteWorkflowDbContext CreateDbContext(string[] args) =>
        (SqliteWorkflowDbContext)new WorkflowDatabase(DatabaseProvider.Sqlite, "Data Source=design.db").CreateContext();
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWorkflowDbContext>
{
    public PostgresWorkflowDbContext CreateDbContext(string[] args) =>
        (PostgresWorkflowDbContext)new WorkflowDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=design").CreateContext();
}
