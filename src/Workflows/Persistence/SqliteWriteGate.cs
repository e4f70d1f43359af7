// On SQLite one transaction writes at a time. The engine's write transactions in this process queue here for their
// turn rather than in SQLite's busy handler, which polls the lock with growing sleeps (1, 2, 5 … 100 ms) and so leaves
// it idle after the writer commits: a transaction waiting here starts as soon as the one before it ends. Transactions
// of other processes, or of code outside the engine, still meet at SQLite's lock (SqliteBusyTimeout).
using System.Collections.Concurrent;

namespace Approvals.Workflows.Persistence;

internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the turn to write to the database file; disposing the result hands the turn on.</summary>
    public static async Task<IDisposable> EnterAsync(string dataSource, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(Path.GetFullPath(dataSource), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
