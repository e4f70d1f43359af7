// The published versions of a process, newest first, each with the unfinished cases that still follow it.
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Definitions;

public sealed record ListVersions(string Id) : IApiQuery;

public sealed record VersionRow(int Version, string Name, DateTime PublishedAt, string? PublishedBy, string? PublishedByName, int RunningCases);

internal sealed class ListVersionsHandler(DefinitionStore definitions, WorkflowDatabase database, Names names, CaseScope scope) : IQueryHandler<ListVersions, IResult>
{
    public async ValueTask<IResult> Handle(ListVersions query, CancellationToken cancellationToken)
    {
        var versions = await definitions.GetVersionsAsync(query.Id, cancellationToken);
        if (versions.Count == 0)
        {
            return ApiProblems.NotFound($"流程“{query.Id}”不存在或尚未发布。");
        }

        Dictionary<long, int> running;
        await using (var db = database.CreateContext())
        {
            running = await (await scope.CasesAsync(db, cancellationToken)).Where(i => i.DefinitionId == query.Id).Unfinished()
                .GroupBy(i => i.DefinitionRecordId)
                .Select(g => new { RecordId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.RecordId, g => g.Count, cancellationToken);
        }

        var publishers = await names.UsersAsync(versions.Select(v => v.PublishedBy), cancellationToken);
        return Results.Ok(versions.Select(v => new VersionRow(
            v.Version, v.Name, v.PublishedAt, v.PublishedBy, v.PublishedBy is { } by ? publishers.GetValueOrDefault(by, by) : null,
            running.GetValueOrDefault(v.RecordId))).ToList());
    }
}
