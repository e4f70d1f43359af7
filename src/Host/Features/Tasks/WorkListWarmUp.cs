// Once the server has started, 工作台's path is run once in the background: the work list's and the counts' EF
// queries compiled, their code jitted, the JSON contract of its rows built. Otherwise the first person to open 工作台
// after a start pays for all that (about a second on a busy two-core machine). It only reads, and what it reads never
// leaves the process: the lists are asked for as nobody (no id, organisation or role: empty answers), and the rows of
// one open task are described and dropped, so the row-building queries are compiled too.
using System.Diagnostics;
using Approvals.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Tasks;

internal sealed partial class WorkListWarmUp(IServiceScopeFactory scopes, ILogger<WorkListWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the server takes requests (and answers /health) meanwhile.
        await Task.Yield();
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var sender = services.GetRequiredService<ISender>();
            await WriteAsync(services, await sender.Send(new ListWork(), stoppingToken));
            await WriteAsync(services, await sender.Send(new CountWork(), stoppingToken));

            await using var db = services.GetRequiredService<WorkflowDatabase>().CreateContext();
            var open = await db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open).Take(1).ToListAsync(stoppingToken);
            var rows = await services.GetRequiredService<TaskRows>().DescribeAsync(db, open, stoppingToken);
            await WriteAsync(services, Results.Ok(new Page<TaskRow>(rows, rows.Count, 1, 20)));
            if (logger.IsEnabled(LogLevel.Information))
            {
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogWarmedUp(logger, elapsed);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database not ready (its migration failed, /health says so) or gone: the first request pays, as before.
            LogWarmUpFailed(logger, ex.Message);
        }
    }

    /// <summary>Writes the answer as the endpoint would, with the application's JSON settings, into nothing.</summary>
    private static Task WriteAsync(IServiceProvider services, IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = Stream.Null;
        return result.ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "工作台查询已预热，用时 {ElapsedMs:0} ms")]
    private static partial void LogWarmedUp(ILogger logger, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "工作台查询预热失败，首个请求将稍慢：{Error}")]
    private static partial void LogWarmUpFailed(ILogger logger, string error);
}
