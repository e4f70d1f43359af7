// An administrator throws a process's draft away; the published versions stay as they are.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Mediator;

namespace Approvals.Host.Features.Definitions;

public sealed record DeleteDraft(string Id) : IApiCommand;

internal sealed class DeleteDraftHandler(ApprovalsDb appDb, CurrentUser user, TimeProvider clock) : ICommandHandler<DeleteDraft, IResult>
{
    public async ValueTask<IResult> Handle(DeleteDraft command, CancellationToken cancellationToken)
    {
        var draft = await appDb.DefinitionDrafts.FindAsync([command.Id], cancellationToken);
        if (draft is null)
        {
            return ApiProblems.NotFound($"流程“{command.Id}”没有草稿。");
        }

        appDb.DefinitionDrafts.Remove(draft);
        appDb.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = user.Id, Action = "definition-draft-deleted", Target = command.Id,
            Data = new JsonObject { ["name"] = draft.Name }.ToJsonString(),
        });
        return Results.NoContent();
    }
}
