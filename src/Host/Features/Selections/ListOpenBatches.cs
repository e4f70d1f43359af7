// 申报批次: the batches whose application window is open now. A window is public while it is open, so every signed-in
// user sees it; a school's user also reads its own quota and how much of it is used, the hint the application form
// shows before anything is typed.
using Approvals.Host.Features.Auth;
using Approvals.Host.Requests;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Selections;

public sealed record ListOpenBatches : IApiQuery;

public sealed record OpenBatch(
    string Id, string Title, string DefinitionId, DateTimeOffset? ClosesAt, string? ApplicationDefinitionId, string? ApplicationName,
    SchoolQuota? MyQuota);

/// <summary>The caller's school in one batch: its quota (null before the window says) and its applications not withdrawn.</summary>
public sealed record SchoolQuota(int? Quota, int Used, bool Special);

internal sealed class ListOpenBatchesHandler(
    WorkflowDatabase database, DefinitionStore definitions, IOrganizationDirectory organizations, CurrentUser user)
    : IQueryHandler<ListOpenBatches, IResult>
{
    public async ValueTask<IResult> Handle(ListOpenBatches query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var openIds = db.Bookmarks.Where(b => b.Kind == ApplicationWindow.ApplicationSignal).Select(b => b.InstanceId);
        var batches = await db.Instances.AsNoTracking()
            .Where(i => openIds.Contains(i.Id) && i.Status == InstanceStatus.Suspended)
            .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Title, i.DefinitionId })
            .ToListAsync(cancellationToken);
        var windows = await WindowQuotas.ReadAsync(db, [.. batches.Select(b => b.Id)], cancellationToken);
        var school = user.IsInRole(Roles.SchoolApplicant) ? await organizations.GetProfileAsync(user.OrgId, cancellationToken) : null;
        var used = school is null
            ? []
            : await db.Instances.AsNoTracking()
                .Where(i => i.ParentInstanceId != null && openIds.Contains(i.ParentInstanceId.Value)
                            && i.InitiatorOrgId == school.Id && i.Status != InstanceStatus.Cancelled)
                .GroupBy(i => i.ParentInstanceId!.Value).Select(g => new { Batch = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Batch, g => g.Count, cancellationToken);
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        var rows = new List<OpenBatch>(batches.Count);
        foreach (var batch in batches)
        {
            var window = windows[batch.Id];
            var child = window.ApplicationDefinition;
            if (child is not null && !names.ContainsKey(child))
            {
                names[child] = (await definitions.GetLatestAsync(db, child, cancellationToken))?.Definition.Name;
            }

            rows.Add(new OpenBatch(batch.Id.ToString(), batch.Title, batch.DefinitionId, window.ClosesAt, child,
                child is null ? null : names[child],
                school?.SchoolType is null
                    ? null
                    : new SchoolQuota(window.QuotaOf(school.Id, school.SchoolType), used.GetValueOrDefault(batch.Id), window.IsSpecial(school.Id))));
        }

        return Results.Ok(rows);
    }
}
