// An administrator publishes the draft (or the definition sent with the request) as the process's next version;
// cases already started keep the version they started on.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Definitions;

/// <summary>An empty body publishes the stored draft.</summary>
public sealed record PublishDefinition(string Id, DefinitionBody Body) : IApiCommand;

public sealed record PublishedVersion(string Id, string Name, int Version);

internal sealed class PublishDefinitionValidator : AbstractValidator<PublishDefinition>
{
    public PublishDefinitionValidator(ActivityRegistry activities)
    {
        RuleFor(c => c.Id).DefinitionId();
        When(c => !c.Body.IsEmpty, () =>
        {
            RuleFor(c => c.Body).ReadableDefinition(activities);
            RuleFor(c => c.Body).Must((c, body) => body.Definition is null || body.Definition.Id == c.Id).OverridePropertyName("id")
                .WithMessage(c => $"流程定义中的标识“{c.Body.Definition!.Id}”与地址中的“{c.Id}”不一致。");
        });
    }
}

internal sealed class PublishDefinitionHandler(ApprovalsDb appDb, DefinitionStore definitions, CurrentUser user, TimeProvider clock)
    : ICommandHandler<PublishDefinition, IResult>
{
    private const string VersionConflict = "version-conflict";

    public async ValueTask<IResult> Handle(PublishDefinition command, CancellationToken cancellationToken)
    {
        var draft = await appDb.DefinitionDrafts.FindAsync([command.Id], cancellationToken);
        if (command.Body.IsEmpty && draft is null)
        {
            return ApiProblems.NotFound($"流程“{command.Id}”没有草稿可发布：请先保存草稿，或在请求中附上流程定义。");
        }

        var definition = command.Body.Definition ?? DefinitionJson.Parse(draft!.Json);
        var result = await definitions.PublishAsync(definition with { Version = 0 }, user.Id, cancellationToken: cancellationToken);
        if (result.Problems.FirstOrDefault(p => p.Code == VersionConflict) is { } conflict)
        {
            return ApiProblems.Conflict(conflict.Message);
        }

        if (!result.Succeeded)
        {
            var errors = result.Problems
                .GroupBy(p => p.NodeId ?? "definition")
                .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
            return ApiProblems.Validation(errors, $"流程定义有 {result.Problems.Count} 处问题，未发布，请按提示修改。");
        }

        // The new version supersedes the draft, whether it was published from the draft or from the designer's body.
        if (draft is not null)
        {
            appDb.DefinitionDrafts.Remove(draft);
        }

        var published = result.Published!.Definition;
        appDb.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = user.Id, Action = "definition-published", Target = command.Id,
            Data = new JsonObject { ["version"] = published.Version, ["name"] = published.Name, ["fromDraft"] = command.Body.IsEmpty }.ToJsonString(),
        });
        return Results.Created($"/api/definitions/{Uri.EscapeDataString(command.Id)}?version={published.Version}",
            new PublishedVersion(published.Id, published.Name, published.Version));
    }
}
