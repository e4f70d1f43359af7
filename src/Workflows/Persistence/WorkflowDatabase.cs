// Chooses the provider from the connection string and hands out one context per unit of work.
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Approvals.Workflows.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class WorkflowDatabase
{
    private readonly DbContextOptions<SqliteWorkflowDbContext>? sqlite;
    private readonly DbContextOptions<PostgresWorkflowDbContext>? postgres;
    private readonly string? sqliteFile;

    public WorkflowDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            sqlite = new DbContextOptionsBuilder<SqliteWorkflowDbContext>()
                .UseSqlite(connectionString)
                .AddInterceptors(SqliteBusyTimeout.Instance)
                .Options;
            sqliteFile = new SqliteConnectionStringBuilder(connectionString).DataSource;
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

    /// <summary>"Host=…" is PostgreSQL; anything else ("Data Source=…") is SQLite.</summary>
    public static DatabaseProvider ProviderOf(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public static WorkflowDatabase FromConnectionString(string connectionString) => new(ProviderOf(connectionString), connectionString);

    public WorkflowDbContext CreateContext() => Provider == DatabaseProvider.Sqlite
        ? new SqliteWorkflowDbContext(sqlite!)
        : new PostgresWorkflowDbContext(postgres!);

    /// <summary>The turn to run a write transaction: on SQLite one at a time per file in this process, on PostgreSQL no wait.</summary>
    public async Task<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken = default) =>
        sqliteFile is null ? null : await SqliteWriteGate.EnterAsync(sqliteFile, cancellationToken);

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
