// Rung after every successful command; in the background it looks once for notices no dispatch has tried yet and, if
// there are any, queues one dispatch. A burst of commands rings many times and queues a few dispatches, not one each,
// and no request waits for the look or for Hangfire. What a crash or a refused queuing leaves is sent by the minute's
// run; a row that failed before is left to that run too, which paces its retries.
using System.Threading.Channels;
using Approvals.Workflows.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Notifications;

public sealed partial class OutboxWakeUp(WorkflowDatabase database, IBackgroundJobClient jobs, ILogger<OutboxWakeUp> logger)
    : BackgroundService
{
    private readonly Channel<bool> rings = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>Asks for a look soon; rings while one is already waiting add nothing.</summary>
    public void Ring() => rings.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var _ in rings.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var db = database.CreateContext();
                if (await db.Outbox.AnyAsync(m => m.ProcessedAt == null && m.Attempts == 0, stoppingToken))
                {
                    jobs.Enqueue<OutboxDispatcher>(d => d.RunAsync(CancellationToken.None));
                }
            }
            catch (Exception ex) when (ex is BackgroundJobClientException or System.Data.Common.DbException or InvalidOperationException)
            {
                LogNotQueued(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "未能安排通知分发，将由每分钟的例行分发送达")]
    private static partial void LogNotQueued(ILogger logger, Exception exception);
}
