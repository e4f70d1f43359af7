// One case as its reader sees it: the form (without the fields hidden from them), the steps waiting now with what each
// may change of the form, the timeline drawn from the journal, the process diagram marked with how far the case got,
// and the exports it has data for.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Attachments;
using Approvals.Host.Features.Exports;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Host.Features.Tasks;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Cases;

public sealed record GetCase(InstanceId Id) : IApiQuery;

public sealed record PartyView(string? UserId, string? UserName, string? OrgId, string? OrgName);

/// <summary>A journal entry; <see cref="OutcomeName"/> names the outcome of a decision as the definition does.</summary>
public sealed record TimelineEntry(
    long Sequence, DateTime At, string Kind, string Label, string? NodeId, string? NodeName, string? Actor, string? ActorName, JsonNode? Data,
    string? OutcomeName);

public sealed record CaseView(
    string Id, string Title, string DefinitionId, string DefinitionName, int DefinitionVersion, string Status, string StatusName,
    PartyView Initiator, DateTime CreatedAt, DateTime? FinishedAt, JsonNode? Form, JsonNode? Output,
    IReadOnlyList<TaskRow> CurrentSteps, IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<AttachmentView> Attachments, bool JournalIntact, string? JournalProblem,
    IReadOnlyList<string> HiddenFields, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FieldAccess, CaseDiagram Diagram,
    IReadOnlyList<string> Exports);

internal sealed class GetCaseHandler(
    WorkflowDatabase database, DefinitionStore definitions, CaseScope scope, ApprovalsDb appDb, Names names, TaskRows rows, ActivityRegistry activities)
    : IQueryHandler<GetCase, IResult>
{
    public async ValueTask<IResult> Handle(GetCase query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();

        // One snapshot for the case row and its journal: a step committed between the two reads would otherwise
        // look like a journal longer than its head, a false tamper alarm.
        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var (instance, problem) = await scope.CaseToActOnAsync(db, query.Id, cancellationToken);
        if (instance is null)
        {
            return problem!;
        }

        var definition = await definitions.GetByRecordIdAsync(db, instance.DefinitionRecordId, cancellationToken);
        var open = await db.HumanTasks.AsNoTracking()
            .Where(t => t.InstanceId == query.Id && t.Status == HumanTaskStatus.Open)
            .OrderBy(t => t.CreatedAt)
            .ToListAsync(cancellationToken);
        var waitingAt = (await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == query.Id).Select(b => b.NodeId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == query.Id).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var verification = JournalChain.Verify(instance.JournalSequence, instance.JournalHash, journal);
        var attachments = await appDb.Attachments.AsNoTracking().Where(a => a.CaseId == query.Id).OrderBy(a => a.CreatedAt)
            .Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.CreatedAt))
            .ToListAsync(cancellationToken);

        var hidden = await HiddenFields.ForCallerAsync(db, scope, instance, definition, cancellationToken);
        var form = JsonNode.Parse(instance.Form);
        var hiddenFiles = hidden.AttachmentIds(form);
        attachments.RemoveAll(a => hiddenFiles.Contains(a.Id.ToString()));
        var users = await names.UsersAsync(journal.Select(j => j.Actor).Append(instance.InitiatorUserId), cancellationToken);
        var orgs = await names.OrganizationsAsync([instance.InitiatorOrgId], cancellationToken);
        var timeline = journal.Select(j =>
        {
            var node = j.NodeId is null ? null : definition.FindNode(j.NodeId);
            var data = hidden.JournalData(j.Kind, JsonNode.Parse(j.Data));
            return new TimelineEntry(
                j.Sequence, j.At, j.Kind, CaseLabels.Journal(j.Kind), j.NodeId, node?.DisplayName,
                j.Actor, j.Actor is null ? null : users.GetValueOrDefault(j.Actor, j.Actor),
                data, data?["outcome"] is JsonValue outcome && outcome.TryGetValue<string>(out var code) ? CaseLabels.Outcome(activities, node, code) : null);
        }).ToList();
        var access = open.Select(t => t.NodeId).Distinct()
            .Select(id => (id, Access: definition.FindNode(id) is { } node ? FieldAccess.Of(node) : null))
            .Where(s => s.Access is not null)
            .ToDictionary(s => s.id, s => s.Access!, StringComparer.Ordinal);

        var view = new CaseView(
            instance.Id.ToString(), instance.Title, instance.DefinitionId, definition.Name, instance.DefinitionVersion,
            instance.Status.ToString(), CaseLabels.Status(instance.Status),
            new PartyView(instance.InitiatorUserId, instance.InitiatorUserId is { } u ? users.GetValueOrDefault(u) : null,
                instance.InitiatorOrgId, instance.InitiatorOrgId is { } o ? orgs.GetValueOrDefault(o) : null),
            instance.CreatedAt, instance.FinishedAt, hidden.Form(form), instance.Output is null ? null : JsonNode.Parse(instance.Output),
            await rows.DescribeAsync(db, open, cancellationToken), timeline, attachments, verification.IsIntact, verification.Problem,
            hidden.Names, access, CaseDiagram.Of(definition, journal, waitingAt, activities),
            CaseExportKinds.Of(JsonNode.Parse(instance.Variables) as JsonObject ?? []));
        return Results.Ok(view);
    }
}
