// GET /{id}/cases?version=: the unfinished cases that follow a process, or one version of it, so an administrator
// sees who a change would leave on the old version before and after publishing.
using Approvals.Host.Features.Cases;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Features.Tasks;
using Approvals.Host.Requests;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Definitions;

/// <summary>Id comes from the route; Version is optional (every version when left out).</summary>
public sealed class ListDefinitionCases : PagedQuery, IApiQuery
{
    public required string Id { get; init; }

    public int? Version { get; init; }
}

/// <summary>CurrentSteps names the steps the case waits at (a person's task, a timer, a child case), in the order it reached them.</summary>
public sealed record DefinitionCaseRow(
    string CaseId, string Title, string Status, string StatusName, string? ApplicantOrgId, string? ApplicantOrgName, DateTime StartedAt,
    IReadOnlyList<string> CurrentSteps, int Version);

internal sealed class ListDefinitionCasesValidator : AbstractValidator<ListDefinitionCases>
{
    public ListDefinitionCasesValidator()
    {
        Include(new PagedQueryValidator());
        RuleFor(q => q.Id).DefinitionId();
        RuleFor(q => q.Version).GreaterThanOrEqualTo(1).WithName("版本号");
    }
}

internal sealed class ListDefinitionCasesHandler(WorkflowDatabase database, DefinitionStore definitions, CaseScope scope, Names names)
    : IQueryHandler<ListDefinitionCases, IResult>
{
    public async ValueTask<IResult> Handle(ListDefinitionCases query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        if ((await PublishedVersions.FindAsync(db, query.Id, query.Version, cancellationToken)).Missing is { } missing)
        {
            return missing;
        }

        var cases = (await scope.CasesAsync(db, cancellationToken)).Where(i => i.DefinitionId == query.Id).Unfinished();
        if (query.Version is { } version)
        {
            cases = cases.Where(i => i.DefinitionVersion == version);
        }

        var total = await cases.CountAsync(cancellationToken);
        var page = await cases.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
            .Skip(query.Skip).Take(query.Size)
            .Select(i => new { i.Id, i.Title, i.Status, i.InitiatorOrgId, i.CreatedAt, i.DefinitionRecordId, i.DefinitionVersion })
            .ToListAsync(cancellationToken);

        var ids = page.Select(c => c.Id).ToArray();
        var waiting = (await db.Bookmarks.AsNoTracking().Where(b => ids.Contains(b.InstanceId))
                .Select(b => new { b.InstanceId, b.NodeId, b.CreatedAt })
                .ToListAsync(cancellationToken))
            .ToLookup(b => b.InstanceId);
        var steps = new Dictionary<long, WorkflowDefinition>();
        foreach (var recordId in page.Select(c => c.DefinitionRecordId).Distinct())
        {
            steps[recordId] = await definitions.GetByRecordIdAsync(db, recordId, cancellationToken);
        }

        var orgs = await names.OrganizationsAsync(page.Select(c => c.InitiatorOrgId), cancellationToken);
        var rows = page.Select(c => new DefinitionCaseRow(
            c.Id.ToString(), c.Title, c.Status.ToString(), CaseLabels.Status(c.Status),
            c.InitiatorOrgId, c.InitiatorOrgId is { } org ? orgs.GetValueOrDefault(org) : null, c.CreatedAt,
            [.. waiting[c.Id].OrderBy(b => b.CreatedAt).Select(b => b.NodeId).Distinct()
                .Select(nodeId => steps[c.DefinitionRecordId].FindNode(nodeId)?.DisplayName ?? nodeId)],
            c.DefinitionVersion)).ToList();
        return Results.Ok(new Page<DefinitionCaseRow>(rows, total, query.PageNumber, query.Size));
    }
}
