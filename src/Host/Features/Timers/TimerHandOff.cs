// A step's new timers reach Hangfire from a background loop, not from the request that wrote them. Creating a delayed
// job costs several commits on PostgreSQL, and under a burst of approvals the requests queued behind Hangfire's
// connections (200 users: 16 s and pool timeouts). The timer row is committed before it is handed over, so a hand-off
// lost with a crash, or refused by Hangfire, is only late: the minute's sweep fires the timer when it is due.
using System.Threading.Channels;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Hangfire;

namespace Approvals.Host.Features.Timers;

internal sealed partial class TimerHandOff(IBackgroundJobClient jobs, TimeProvider clock, ILogger<TimerHandOff> logger)
    : BackgroundService, ITimerScheduler
{
    private readonly Channel<(TimerId Id, DateTimeOffset DueAt)> waiting =
        Channel.CreateUnbounded<(TimerId, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the timer for Hangfire and returns at once.</summary>
    public void Schedule(TimerId timerId, DateTimeOffset dueAt) => waiting.Writer.TryWrite((timerId, dueAt));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (id, dueAt) in waiting.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                // The delay is measured on the engine's clock when the job is made, so it fires when that clock says due.
                var delay = dueAt - clock.GetUtcNow();
                jobs.Schedule<TimerJob>(job => job.FireAsync(id.Value), delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
            }
            catch (Exception ex) when (ex is BackgroundJobClientException or System.Data.Common.DbException or InvalidOperationException)
            {
                LogNotScheduled(logger, ex, id.Value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "定时器 {TimerId} 未能交给定时任务服务，到期后由每分钟的巡检触发")]
    private static partial void LogNotScheduled(ILogger logger, Exception exception, Guid timerId);
}
