// An administrator's unpublished edit of a process, with what would stop it from being published.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Definitions;

public sealed record GetDraft(string Id) : IApiQuery;

/// <summary>LatestVersion is the published version the draft would follow, null for a process never published.</summary>
public sealed record DraftView(
    string Id, string Name, DateTime UpdatedAt, string? UpdatedBy, string? UpdatedByName, int? LatestVersion,
    JsonNode Definition, bool Valid, IReadOnlyList<DefinitionProblem> Problems)
{
    public static async Task<DraftView> DescribeAsync(
        DefinitionDraft draft, WorkflowDefinition definition, IReadOnlyList<DefinitionProblem> problems, string? updatedByName,
        WorkflowDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var latest = await db.Definitions.Where(d => d.DefinitionId == draft.DefinitionId).MaxAsync(d => (int?)d.Version, cancellationToken);
        return new DraftView(draft.DefinitionId, draft.Name, draft.UpdatedAt, draft.UpdatedBy, updatedByName, latest,
            DefinitionBody.ToJson(definition), problems.Count == 0, problems);
    }
}

internal sealed class GetDraftHandler(ApprovalsDb appDb, WorkflowDatabase database, DefinitionValidator validator, Names names)
    : IQueryHandler<GetDraft, IResult>
{
    public async ValueTask<IResult> Handle(GetDraft query, CancellationToken cancellationToken)
    {
        var draft = await appDb.DefinitionDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == query.Id, cancellationToken);
        if (draft is null)
        {
            return ApiProblems.NotFound($"流程“{query.Id}”没有草稿。");
        }

        var definition = DefinitionJson.Parse(draft.Json);
        var editor = draft.UpdatedBy is { } by ? (await names.UsersAsync([by], cancellationToken)).GetValueOrDefault(by, by) : null;
        return Results.Ok(await DraftView.DescribeAsync(draft, definition, validator.Validate(definition), editor, database, cancellationToken));
    }
}
