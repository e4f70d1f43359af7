// 公示公告: the notices open to the caller now, each with its period as journaled (started, paused by an objection,
// resumed), whether a notice text can be drawn from it, and whether the caller may open the case itself.
using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Host.Features.Exports;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using static Approvals.Host.Features.Exports.VariableValues;

namespace Approvals.Host.Features.Cases;

public sealed record ListNotices : IApiQuery;

/// <summary>
/// One notice: <see cref="DueAt"/> is when the period ends as it stands (null while paused), <see cref="WorkingDaysLeft"/>
/// the working days still to run (while paused, those kept for after the objection).
/// </summary>
public sealed record NoticeView(
    string CaseId, string CaseTitle, string DefinitionName, string StepName, string Title, string? IssuerName,
    DateTime StartedAt, DateTime? DueAt, int Days, int WorkingDaysLeft, bool Paused, bool HasText, bool CanOpenCase);

internal sealed class ListNoticesHandler(
    WorkflowDatabase database, NoticeBoard board, CaseScope scope, DefinitionStore definitions, Names names, CalendarSource calendars, TimeProvider clock)
    : IQueryHandler<ListNotices, IResult>
{
    private static readonly string[] PeriodEntries = ["notice-started", "notice-paused", "notice-resumed"];

    public async ValueTask<IResult> Handle(ListNotices query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var cases = await (await board.OnNoticeAsync(db, cancellationToken)).OrderByDescending(i => i.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var ids = cases.Select(c => c.Id).ToArray();
        var visible = await (await scope.CasesAsync(db, cancellationToken)).Where(i => ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken);
        var entries = (await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId) && PeriodEntries.Contains(j.Kind))
                .ToListAsync(cancellationToken))
            .GroupBy(j => j.InstanceId).ToDictionary(g => g.Key, g => g.OrderBy(j => j.Sequence).ToList());
        var orgs = await names.OrganizationsAsync(cases.Select(c => c.InitiatorOrgId), cancellationToken);
        var calendar = await calendars.GetAsync(db, cancellationToken);
        var now = clock.GetUtcNow();

        var notices = new List<NoticeView>();
        foreach (var instance in cases)
        {
            var journal = entries.GetValueOrDefault(instance.Id) ?? [];
            var started = journal.FindLastIndex(j => j.Kind == "notice-started");
            if (started < 0)
            {
                continue;
            }

            var definition = await definitions.GetByRecordIdAsync(db, instance.DefinitionRecordId, cancellationToken);
            var period = journal.Skip(started).ToList();
            var opening = JsonNode.Parse(period[0].Data);
            var last = period[^1];
            var paused = last.Kind == "notice-paused";
            var dueAt = paused ? null : Instant(JsonNode.Parse(last.Data)?["dueAt"]);
            notices.Add(new NoticeView(
                instance.Id.ToString(), instance.Title, definition.Name,
                period[0].NodeId is { } nodeId ? definition.FindNode(nodeId)?.DisplayName ?? nodeId : "",
                OptionalText(opening?["title"]) is { Length: > 0 } title ? title : $"{instance.Title}公示", instance.InitiatorOrgId is { } o ? orgs.GetValueOrDefault(o) : null,
                period[0].At, dueAt?.UtcDateTime, Whole(opening?["days"]) ?? 0,
                paused ? Whole(JsonNode.Parse(last.Data)?["remainingDays"]) ?? 0 : dueAt is { } due ? calendar.WorkingDaysBetween(now, due) : 0,
                paused, SelectionResult.Read(JsonNode.Parse(instance.Variables) as JsonObject ?? []) is not null, visible.Contains(instance.Id)));
        }

        return Results.Ok(notices);
    }

    private static DateTimeOffset? Instant(JsonNode? value) =>
        DateTimeOffset.TryParse(Text(value), CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? instant : null;
}
