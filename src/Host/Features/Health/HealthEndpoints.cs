// GET /health: whether the database answers (and how many processes are published) and whether this node's
// Hangfire server is running, so a load balancer takes a node out when either fails.
using Approvals.Workflows.Persistence;
using System.Data.Common;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Health;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/health").WithTags("运行状态").MapGet("/", CheckAsync).WithName("Health").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> CheckAsync(WorkflowDatabase database, JobStorage jobs, CancellationToken cancellationToken)
    {
        var provider = database.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        int definitions;
        try
        {
            await using var db = database.CreateContext();
            definitions = await db.Definitions.Select(d => d.DefinitionId).Distinct().CountAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            return Results.Json(new HealthReport("unhealthy", provider, 0, "stopped", "数据库无法访问或尚未完成迁移。"),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var servers = jobs.GetMonitoringApi().Servers();
        if (servers.Count == 0)
        {
            return Results.Json(new HealthReport("unhealthy", provider, definitions, "stopped", "定时任务服务（Hangfire）没有运行，期限和提醒不会触发。"),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok(new HealthReport("healthy", provider, definitions, "running", null));
    }

    private sealed record HealthReport(string Status, string Database, int Definitions, string Scheduler, string? Reason);
}
