// Where the database is: the configured connection string, with a relative SQLite file placed under the content root.
using Microsoft.Data.Sqlite;

namespace Approvals.Host.Startup;

internal static class DatabaseSettings
{
    public const string ConnectionName = "Approvals";

    public static string Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(ConnectionName) ?? "Data Source=data/approvals.db";
        if (configured.Contains("Host=", StringComparison.OrdinalIgnoreCase))
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
}
