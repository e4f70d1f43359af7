// Nodes that share one PostgreSQL database prepare it one at a time (migrations, the organisation tree and users, the
// shipped definitions): two first starts at the same moment otherwise race on the same inserts, and one of them stops
// half prepared on a duplicate role or user. The turn is a session advisory lock on a connection of its own, so a node
// killed while preparing gives it up with its connection.
using Approvals.Workflows.Persistence;
using Npgsql;

namespace Approvals.Host.Startup;

internal sealed class StartupTurn : IAsyncDisposable
{
    /// <summary>The advisory lock's key, the same on every node of the application.</summary>
    private const long LockKey = 0x41_70_70_72_6F_76_61_6C;

    private readonly NpgsqlConnection? connection;

    private StartupTurn(NpgsqlConnection? connection) => this.connection = connection;

    /// <summary>Waits for the turn on PostgreSQL; on SQLite, or when the database does not answer, goes ahead at once.</summary>
    public static async Task<StartupTurn> TakeAsync(WorkflowDatabase database, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return new StartupTurn(null);
        }

        // Not pooled: closing it ends the session, and the session's lock with it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new StartupTurn(connection);
        }
        catch (NpgsqlException)
        {
            // The migration that follows fails on the same database and says so, as it did without a turn.
            await connection.DisposeAsync();
            return new StartupTurn(null);
        }
    }

    public ValueTask DisposeAsync() => connection?.DisposeAsync() ?? ValueTask.CompletedTask;
}
