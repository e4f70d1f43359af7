// Once the server has started, 工作台's path is run once in the background: the work list's and the counts' EF
// queries compiled (with the parameters a signed-in reviewer's request has, so the SQL is the one they will need),
// their code jitted, the JSON contract of its rows built. Otherwise the first person to open 工作台 after a start
// pays for all that (seconds on a busy two-core machine). It only reads, and what it reads never leaves the process:
// the lists are asked for as a made-up member of the organisation and role of an open task (no such user exists, so
// nothing is theirs but that role's shared work), and the answers are written into nothing.
using System.Diagnostics;
using System.Security.Claims;
using Approvals.Host.Features.Auth;
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
            services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
            {
                RequestServices = services,
                User = await ReviewerAsync(services, stoppingToken),
            };
            var sender = services.GetRequiredService<ISender>();
            await WriteAsync(services, await sender.Send(new ListWork(), stoppingToken));
            await WriteAsync(services, await sender.Send(new CountWork(), stoppingToken));
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

    /// <summary>
    /// Someone who would see an open task's role work at its organisation, with a fresh id; on a database with no
    /// open work, a made-up reviewer of a made-up organisation (empty lists, the same SQL).
    /// </summary>
    private static async Task<ClaimsPrincipal> ReviewerAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = services.GetRequiredService<WorkflowDatabase>().CreateContext();
        var work = await db.HumanTasks.AsNoTracking()
            .Where(t => t.Status == HumanTaskStatus.Open && t.AssigneeOrgId != null && t.AssigneeRole != null)
            .Select(t => new { t.AssigneeOrgId, t.AssigneeRole })
            .FirstOrDefaultAsync(cancellationToken);
        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, $"warm-up-{Guid.NewGuid():N}"),
            new(CurrentUser.OrgClaim, work?.AssigneeOrgId ?? $"warm-up-{Guid.NewGuid():N}"),
            new(ClaimTypes.Role, work?.AssigneeRole ?? Roles.CityReviewer),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "warm-up"));
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
