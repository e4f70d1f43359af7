// Whether a Hangfire server is registered, asked of Hangfire's storage at most every few seconds per node: its
// monitoring API blocks a thread and draws from Hangfire's small pool, and 200 clients asking /health back to back held
// every thread waiting for it (PostgreSQL: /health at 24 req/s, p50 3.4 s).
using Hangfire;

namespace Approvals.Host.Features.Health;

internal sealed class SchedulerProbe(JobStorage jobs, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);

    private readonly Lock asking = new();
    private Answer? last;

    public bool IsRunning()
    {
        var known = Volatile.Read(ref last);
        if (known is not null && clock.GetElapsedTime(known.At) < Fresh)
        {
            return known.Running;
        }

        // One thread asks; the others keep the last answer meanwhile (there is none only at the first ask).
        if (known is null)
        {
            asking.Enter();
        }
        else if (!asking.TryEnter())
        {
            return known.Running;
        }

        try
        {
            var answer = new Answer(jobs.GetMonitoringApi().Servers().Count > 0, clock.GetTimestamp());
            Volatile.Write(ref last, answer);
            return answer.Running;
        }
        finally
        {
            asking.Exit();
        }
    }

    private sealed record Answer(bool Running, long At);
}
