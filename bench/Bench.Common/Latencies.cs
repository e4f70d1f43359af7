// Request latencies of one kind, from many threads; percentiles by nearest rank.
using System.Diagnostics;

namespace Approvals.Bench;

public sealed class Latencies
{
    private readonly List<double> milliseconds = [];

    public int Count
    {
        get
        {
            lock (milliseconds)
            {
                return milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (milliseconds)
        {
            milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    /// <summary>Times <paramref name="action"/> and records it.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> action)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await action();
        Add(Stopwatch.GetElapsedTime(start));
        return result;
    }

    /// <summary>The p-th percentile (0–100) in milliseconds; NaN when nothing was recorded.</summary>
    public double Percentile(double p)
    {
        lock (milliseconds)
        {
            if (milliseconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = milliseconds.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }
    }
}
