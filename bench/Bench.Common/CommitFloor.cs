// The storage floor every engine figure is read against: bare single-row insert-and-commit transactions, one after
// another on one connection, on the same database in the same run.
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Approvals.Bench;

public static class CommitFloor
{
    /// <summary>Commits per second over <paramref name="commits"/> transactions, each inserting one row.</summary>
    public static async Task<double> MeasureAsync(BenchDatabase database, int commits)
    {
        await using DbConnection connection = database.Provider == "postgres"
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS bench_commit_floor (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
        await ExecuteAsync(connection, null, "DELETE FROM bench_commit_floor");

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < commits; i++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO bench_commit_floor (id, payload) VALUES (@id, @payload)";
            AddParameter(insert, "@id", i);
            AddParameter(insert, "@payload", "一行");
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        var rate = commits / clock.Elapsed.TotalSeconds;
        await ExecuteAsync(connection, null, "DROP TABLE bench_commit_floor");
        return rate;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
