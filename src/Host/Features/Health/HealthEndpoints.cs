// GET /health: whether the database answers and how many processes are published.
using Approvals.Workflows.Persistence;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Health;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/health").MapGet("/", CheckAsync).WithName("Health");
        return app;
    }

    private static async Task<IResult> CheckAsync(WorkflowDatabase database, CancellationToken cancellationToken)
    {
        var provider = database.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        try
        {
            await using var db = database.CreateContext();
            var definitions = await db.Definitions.Select(d => d.DefinitionId).Distinct().CountAsync(cancellationToken);
            return Results.Ok(new HealthReport("healthy", provider, definitions, null));
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            return Results.Json(new HealthReport("unhealthy", provider, 0, "数据库无法访问或尚未完成迁移。"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private sealed record HealthReport(string Status, string Database, int Definitions, string? Reason);
}
