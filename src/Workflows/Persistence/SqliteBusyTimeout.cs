// SQLite's own wait for the write lock. Microsoft.Data.Sqlite retries a busy statement after sleeping 150 ms, so
// under several concurrent writers (Hangfire's workers firing timers, people approving) a step that finds the lock
// taken waits 150 ms even when the other transaction ends a millisecond later; SQLite's busy handler retries within
// a few milliseconds instead.
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Approvals.Workflows.Persistence;

internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    /// <summary>Longer than any step holds the lock; the command timeout still bounds the whole statement.</summary>
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public static SqliteBusyTimeout Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
