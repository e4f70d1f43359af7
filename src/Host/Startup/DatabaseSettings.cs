// Where the database is: the configured connection string, with a relative SQLite file placed under the content root.
using System.Data.Common;
using Approvals.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Approvals.Host.Startup;

internal static class DatabaseSettings
{
    public const string ConnectionName = "Approvals";

    private const int EnginePoolSize = 40;
    private const int SharedPoolSize = 20;

    public static string Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(ConnectionName) ?? "Data Source=data/approvals.db";
        if (WorkflowDatabase.ProviderOf(configured) == DatabaseProvider.Postgres)
        {
            return configured;
        }

        var builder = new SqliteConnectionStringBuilder(configured);
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
        {
            builder.DataSource = Path.Combine(environment.ContentRootPath, builder.DataSource);
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// On PostgreSQL each user of the database draws from a pool of its own (Npgsql keys a pool by its connection string,
    /// here told apart by the application name). A step holds its engine connection in a transaction while it asks the
    /// organisation tree (who is above a school, which bureau serves a city), and a case page reads its attachments
    /// inside its snapshot: from one shared pool, 200 users could hold every connection while each waited for a second
    /// one, until the open timed out (PostgreSQL at 200 users: every connection idle in transaction, approve 0/s). The
    /// engine's pool defaults to 40 connections, or the Maximum Pool Size the connection string gives: two cores serve
    /// no more at once, and a request waits better in the pool's queue than as one more backend. The host's and
    /// Hangfire's pools have 20 each, so one node uses at most 80 of PostgreSQL's default 100.
    /// </summary>
    public static string Pool(string connectionString, DatabasePool pool)
    {
        if (WorkflowDatabase.ProviderOf(connectionString) != DatabaseProvider.Postgres)
        {
            return connectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName = pool switch
        {
            DatabasePool.Engine => "approvals-engine",
            DatabasePool.Host => "approvals-host",
            _ => "approvals-hangfire",
        };
        if (pool != DatabasePool.Engine || !GivesPoolSize(connectionString))
        {
            builder.MaxPoolSize = pool == DatabasePool.Engine ? EnginePoolSize : SharedPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>Whether the text names a pool size ("Maximum Pool Size" or "MaxPoolSize"); Npgsql's builder says yes to any keyword it knows.</summary>
    private static bool GivesPoolSize(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal))
            .Any(key => key.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || key.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
}

internal enum DatabasePool
{
    Engine,
    Host,
    Hangfire,
}
