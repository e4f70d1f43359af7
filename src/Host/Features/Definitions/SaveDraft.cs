// An administrator saves the designer's work as the process's draft; an invalid draft may be saved, not published.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Definitions;

public sealed record SaveDraft(string Id, DefinitionBody Body) : IApiCommand;

internal sealed class SaveDraftValidator : AbstractValidator<SaveDraft>
{
    public SaveDraftValidator(ActivityRegistry activities)
    {
        RuleFor(c => c.Id).DefinitionId();
        RuleFor(c => c.Body).ReadableDefinition(activities);
        RuleFor(c => c.Body).Must((c, body) => body.Definition is null || body.Definition.Id == c.Id).OverridePropertyName("id")
            .WithMessage(c => $"流程定义中的标识“{c.Body.Definition!.Id}”与地址中的“{c.Id}”不一致。");
    }
}

internal sealed class SaveDraftHandler(
    ApprovalsDb appDb, WorkflowDatabase database, DefinitionValidator validator, CurrentUser user, TimeProvider clock)
    : ICommandHandler<SaveDraft, IResult>
{
    public async ValueTask<IResult> Handle(SaveDraft command, CancellationToken cancellationToken)
    {
        // A draft has no version yet; the store numbers it when it is published.
        var definition = command.Body.Definition! with { Version = 0 };
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = await appDb.DefinitionDrafts.FindAsync([command.Id], cancellationToken);
        if (draft is null)
        {
            draft = new DefinitionDraft { DefinitionId = command.Id, Name = definition.Name, Json = "" };
            appDb.DefinitionDrafts.Add(draft);
        }

        draft.Name = definition.Name;
        draft.Json = DefinitionJson.Serialize(definition, indented: false);
        draft.UpdatedAt = now;
        draft.UpdatedBy = user.Id;

        var problems = validator.Validate(definition);
        appDb.Audit.Add(new AuditEntry
        {
            At = now, UserId = user.Id, Action = "definition-draft-saved", Target = command.Id,
            Data = new JsonObject { ["name"] = definition.Name, ["problems"] = problems.Count }.ToJsonString(),
        });
        return Results.Ok(await DraftView.DescribeAsync(draft, definition, problems, user.DisplayName, database, cancellationToken));
    }
}
