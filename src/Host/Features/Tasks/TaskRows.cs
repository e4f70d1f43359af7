// Tasks as a work list shows them: names instead of ids, working days left, and whether the caller may act.
using System.Text.Json;
using Approvals.Host.Features.Cases;
using Approvals.Host.Features.Organizations;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Tasks;

public sealed record TaskRow(
    string? TaskId, string CaseId, string CaseTitle, string DefinitionId, string CaseStatus, string CaseStatusName,
    string? NodeId, string? Title, string? Kind, string? Status,
    string? AssigneeRole, string? AssigneeRoleName, string? AssigneeOrgId, string? AssigneeOrgName, string? AssigneeUserId, string? AssigneeName,
    string? InitiatorOrgId, string? InitiatorOrgName,
    DateTime CreatedAt, DateTime? DueAt, int? WorkingDaysLeft, bool Overdue, DateTime? CompletedAt,
    string? Outcome, string? OutcomeName, string? Comment, bool CanAct, IReadOnlyList<string> Outcomes,
    IReadOnlyDictionary<string, string> OutcomeNames);

public sealed class TaskRows(
    CaseScope scope, Names names, CalendarSource calendars, TimeProvider clock, DefinitionStore definitions, ActivityRegistry activities)
{
    public async Task<IReadOnlyList<TaskRow>> DescribeAsync(WorkflowDbContext db, IReadOnlyList<HumanTask> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
        {
            return [];
        }

        var caseIds = tasks.Select(t => t.InstanceId).Distinct().ToArray();
        var cases = await db.Instances.AsNoTracking().Where(i => caseIds.Contains(i.Id))
            .Select(i => new { i.Id, i.Title, i.Status, i.InitiatorOrgId, i.DefinitionRecordId })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var versions = new Dictionary<long, WorkflowDefinition>();
        foreach (var recordId in cases.Values.Select(c => c.DefinitionRecordId).Distinct())
        {
            versions[recordId] = await definitions.GetByRecordIdAsync(db, recordId, cancellationToken);
        }

        var users = await names.UsersAsync(tasks.Select(t => t.AssigneeUserId), cancellationToken);
        var orgs = await names.OrganizationsAsync(tasks.Select(t => t.AssigneeOrgId).Concat(cases.Values.Select(c => c.InitiatorOrgId)), cancellationToken);
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var now = clock.GetUtcNow();

        return [.. tasks.Select(t =>
        {
            var c = cases[t.InstanceId];
            var due = t.DueAt is { } d ? new DateTimeOffset(d, TimeSpan.Zero) : (DateTimeOffset?)null;
            var open = t.Status == HumanTaskStatus.Open;
            var node = versions[c.DefinitionRecordId].FindNode(t.NodeId);
            var outcomes = JsonSerializer.Deserialize<string[]>(t.AllowedOutcomes) ?? [];
            return new TaskRow(
                t.Id.ToString(), t.InstanceId.ToString(), c.Title, t.DefinitionId, c.Status.ToString(), CaseLabels.Status(c.Status),
                t.NodeId, t.Title, t.Kind, t.Status.ToString(),
                t.AssigneeRole, Names.Role(t.AssigneeRole), t.AssigneeOrgId, t.AssigneeOrgId is { } o ? orgs.GetValueOrDefault(o) : null,
                t.AssigneeUserId, t.AssigneeUserId is { } u ? users.GetValueOrDefault(u) : null,
                c.InitiatorOrgId, c.InitiatorOrgId is { } io ? orgs.GetValueOrDefault(io) : null,
                t.CreatedAt, t.DueAt, open && due is { } left ? calendar.WorkingDaysBetween(now, left) : null,
                open && due < now, t.CompletedAt, t.Outcome, t.Outcome is null ? null : CaseLabels.Outcome(activities, node, t.Outcome), t.Comment,
                scope.CanAct(t), outcomes, outcomes.Distinct().ToDictionary(o => o, o => CaseLabels.Outcome(activities, node, o)));
        })];
    }

    /// <summary>Rows for cases with no task of the caller's (我发起的, 抄送我的): the case and its first waiting step.</summary>
    public async Task<IReadOnlyList<TaskRow>> DescribeCasesAsync(WorkflowDbContext db, IReadOnlyList<WorkflowInstance> cases, CancellationToken cancellationToken)
    {
        var ids = cases.Select(c => c.Id).ToArray();
        var waiting = (await db.HumanTasks.AsNoTracking()
                .Where(t => ids.Contains(t.InstanceId) && t.Status == HumanTaskStatus.Open)
                .ToListAsync(cancellationToken))
            .GroupBy(t => t.InstanceId)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.CreatedAt).First());
        var described = (await DescribeAsync(db, [.. waiting.Values], cancellationToken)).ToDictionary(r => r.CaseId);
        var orgs = await names.OrganizationsAsync(cases.Select(c => c.InitiatorOrgId), cancellationToken);
        return [.. cases.Select(c => described.GetValueOrDefault(c.Id.ToString()) is { } step
            ? step with { CreatedAt = c.CreatedAt, CompletedAt = c.FinishedAt }
            : new TaskRow(null, c.Id.ToString(), c.Title, c.DefinitionId, c.Status.ToString(), CaseLabels.Status(c.Status),
                null, null, null, null, null, null, null, null, null, null,
                c.InitiatorOrgId, c.InitiatorOrgId is { } o ? orgs.GetValueOrDefault(o) : null,
                c.CreatedAt, null, null, false, c.FinishedAt, null, null, null, false, [], new Dictionary<string, string>()))];
    }
}
