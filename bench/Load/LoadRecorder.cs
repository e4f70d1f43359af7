// What one load level measured, per request kind: latencies and successes, conflicts (409: another session took the
// task first) and errors (5xx, timeouts, refused connections, any other 4xx), counted only inside the measured window.
using System.Collections.Concurrent;

namespace Approvals.Bench.Load;

public enum RequestKind
{
    Health,
    Start,
    List,
    Approve,
}

public sealed class LoadRecorder(int requestCap)
{
    private readonly ConcurrentDictionary<RequestKind, KindCounts> kinds = new();
    private readonly ConcurrentQueue<string> errorSamples = new();
    private readonly TaskCompletionSource capReached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool measuring;
    private int recorded;

    /// <summary>Completes once the measured window has recorded the request cap.</summary>
    public Task CapReached => capReached.Task;

    /// <summary>The first few errors, for the report: status and the start of the body or the exception's message.</summary>
    public IReadOnlyCollection<string> ErrorSamples => errorSamples;

    /// <summary>Requests that complete while this is on are counted; those of the warm-up and the wind-down are not.</summary>
    public bool Measuring
    {
        get => measuring;
        set => measuring = value;
    }

    public KindCounts this[RequestKind kind] => kinds.GetOrAdd(kind, _ => new KindCounts());

    public void Record(RequestKind kind, TimeSpan elapsed, int status, string? detail)
    {
        if (!measuring)
        {
            return;
        }

        var counts = this[kind];
        if (status is >= 200 and < 300)
        {
            counts.Latencies.Add(elapsed);
            counts.Succeed();
        }
        else if (status == 409)
        {
            counts.Latencies.Add(elapsed);
            counts.Conflict();
        }
        else
        {
            counts.Fail();
            if (errorSamples.Count < 5)
            {
                errorSamples.Enqueue($"{kind} {(status == 0 ? "no response" : status.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {detail?[..Math.Min(detail.Length, 300)]}");
            }
        }

        if (Interlocked.Increment(ref recorded) >= requestCap)
        {
            capReached.TrySetResult();
        }
    }

    /// <summary>A reviewer's look at 待办 that found nothing to take.</summary>
    public void RecordEmptyLook()
    {
        if (measuring)
        {
            this[RequestKind.List].FindEmpty();
        }
    }

    /// <summary>One kind's figures, counted from many sessions at once.</summary>
    public sealed class KindCounts
    {
        private int succeeded;
        private int conflicts;
        private int errors;
        private int empty;

        public Latencies Latencies { get; } = new();

        public int Succeeded => Volatile.Read(ref succeeded);

        public int Conflicts => Volatile.Read(ref conflicts);

        public int Errors => Volatile.Read(ref errors);

        /// <summary>Requests of the kind that got an answer of any sort (errors included).</summary>
        public int Answered => Succeeded + Conflicts + Errors;

        /// <summary>For 待办: looks that found no task at the session's place.</summary>
        public int Empty => Volatile.Read(ref empty);

        internal void Succeed() => Interlocked.Increment(ref succeeded);

        internal void Conflict() => Interlocked.Increment(ref conflicts);

        internal void Fail() => Interlocked.Increment(ref errors);

        internal void FindEmpty() => Interlocked.Increment(ref empty);
    }
}
