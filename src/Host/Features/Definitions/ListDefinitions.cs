// Every process with its latest published version: what people may start, and what an administrator maintains.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Cases;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Definitions;

public sealed record ListDefinitions : IApiQuery;

/// <summary>
/// LatestVersion is null for a process that so far exists only as an administrator's draft. CanStart says whether the
/// caller may start a case of its latest version directly (发起申请 lists only those).
/// </summary>
public sealed record DefinitionSummary(
    string Id, string Name, string? Description, int? LatestVersion, DateTime? PublishedAt, string? PublishedBy, string? PublishedByName,
    bool HasDraft, int RunningCases, bool CanStart);

internal sealed class ListDefinitionsHandler(
    WorkflowDatabase database, DefinitionStore definitions, ApprovalsDb appDb, Names names, CurrentUser user, CaseScope scope)
    : IQueryHandler<ListDefinitions, IResult>
{
    public async ValueTask<IResult> Handle(ListDefinitions query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var latest = await db.Definitions.AsNoTracking()
            .Where(d => d.Version == db.Definitions.Where(v => v.DefinitionId == d.DefinitionId).Max(v => v.Version))
            .Select(d => new { d.Id, d.DefinitionId, d.Version, d.Name, d.PublishedAt, d.PublishedBy })
            .ToListAsync(cancellationToken);
        // Counted over the cases the caller may see: a school learns nothing of other schools' work.
        var running = await (await scope.CasesAsync(db, cancellationToken)).Unfinished()
            .GroupBy(i => i.DefinitionId)
            .Select(g => new { DefinitionId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.DefinitionId, g => g.Count, cancellationToken);
        var drafts = await appDb.DefinitionDrafts.AsNoTracking()
            .Select(d => new { d.DefinitionId, d.Name })
            .ToDictionaryAsync(d => d.DefinitionId, d => d.Name, cancellationToken);
        var publishers = await names.UsersAsync(latest.Select(d => d.PublishedBy), cancellationToken);

        var summaries = new List<DefinitionSummary>();
        foreach (var version in latest)
        {
            var definition = await definitions.GetByRecordIdAsync(db, version.Id, cancellationToken);
            summaries.Add(new DefinitionSummary(
                version.DefinitionId, version.Name, definition.Description, version.Version, version.PublishedAt, version.PublishedBy,
                version.PublishedBy is { } by ? publishers.GetValueOrDefault(by, by) : null,
                drafts.ContainsKey(version.DefinitionId), running.GetValueOrDefault(version.DefinitionId), user.MayStart(definition)));
        }

        // A process not yet published cannot be started, so only the administrators who design it see it.
        if (user.IsAdministrator)
        {
            var published = latest.Select(d => d.DefinitionId).ToHashSet(StringComparer.Ordinal);
            summaries.AddRange(drafts.Where(d => !published.Contains(d.Key))
                .Select(d => new DefinitionSummary(d.Key, d.Value, null, null, null, null, null, HasDraft: true, RunningCases: 0, CanStart: false)));
        }

        return Results.Ok(summaries.OrderBy(s => s.Id, StringComparer.Ordinal).ToList());
    }
}
