// GET /health: whether the database answers (and how many processes are published) and whether this node's
// Hangfire server is running, so a load balancer takes a node out when either fails; and what the latest journal
// audit found, for the operator.
using Approvals.Host.Features.Auth;
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Health;

internal static class HealthEndpoints
{
    /// <summary>Broken cases named in the report; the rest are counted.</summary>
    private const int BrokenCasesNamed = 5;

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/health").WithTags("运行状态").MapGet("/", CheckAsync).WithName("Health").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> CheckAsync(
        WorkflowDatabase database, JournalAudit audit, SchedulerProbe scheduler, CurrentUser user, CancellationToken cancellationToken)
    {
        var provider = database.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        int definitions;
        JournalAuditSummary summary;
        try
        {
            await using var db = database.CreateContext();
            definitions = await db.Definitions.Select(d => d.DefinitionId).Distinct().CountAsync(cancellationToken);
            summary = await audit.SummaryAsync(BrokenCasesNamed, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            return Results.Json(new HealthReport("unhealthy", provider, 0, "stopped", "数据库无法访问或尚未完成迁移。", null),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var journal = JournalHealth.Of(summary, user.IsAdministrator);
        if (!scheduler.IsRunning())
        {
            return Results.Json(new HealthReport("unhealthy", provider, definitions, "stopped", "定时任务服务（Hangfire）没有运行，期限和提醒不会触发。", journal),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // An altered journal is 200 "degraded", not 503: every node reads the one database, so taking this node out of
        // rotation repairs nothing and taking them all out would stop every untouched case too. It is for a person.
        return summary.BrokenCases > 0
            ? Results.Ok(new HealthReport("degraded", provider, definitions, "running",
                $"{summary.BrokenCases} 个案件的办理记录校验未通过，记录可能被直接改动，请核对数据库并从备份恢复。", journal))
            : Results.Ok(new HealthReport("healthy", provider, definitions, "running", null, journal));
    }

    private sealed record HealthReport(string Status, string Database, int Definitions, string Scheduler, string? Reason, JournalHealth? Journal);

    /// <summary>
    /// "intact", "broken" or "pending" (no audit has run yet), with the audit's progress; which cases are broken only for
    /// an administrator (anyone may ask /health, and a case id is not theirs to learn).
    /// </summary>
    private sealed record JournalHealth(
        string State, int BrokenCases, IReadOnlyList<BrokenCase> FirstBrokenCases, DateTime? LastAuditAt, int CheckedLastRun,
        long CheckedThisRound, int RoundsCompleted, DateTime? LastRoundCompletedAt)
    {
        public static JournalHealth Of(JournalAuditSummary summary, bool administrator) => new(
            summary.BrokenCases > 0 ? "broken" : summary.LastRunAt is null ? "pending" : "intact",
            summary.BrokenCases,
            administrator ? [.. summary.FirstBroken.Select(b => new BrokenCase(b.InstanceId.ToString(), b.Sequence, b.Problem, b.DetectedAt))] : [],
            summary.LastRunAt, summary.LastRunChecked, summary.CheckedThisRound, summary.RoundsCompleted, summary.LastRoundCompletedAt);
    }

    private sealed record BrokenCase(string CaseId, long? Sequence, string Problem, DateTime DetectedAt);
}
