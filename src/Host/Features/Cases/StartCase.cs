// Start a case of a published process with the applicant's form; the engine checks the form against its schema.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Attachments;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Cases;

public sealed record StartCase(string DefinitionId, string? Title, JsonObject? Form) : IApiCommand;

internal sealed class StartCaseValidator : AbstractValidator<StartCase>
{
    public StartCaseValidator()
    {
        RuleFor(c => c.DefinitionId).NotEmpty().WithName("流程").MaximumLength(100);
        RuleFor(c => c.Title).MaximumLength(300).WithName("标题");
    }
}

internal sealed class StartCaseHandler(
    WorkflowRuntime runtime, WorkflowDatabase database, DefinitionStore definitions, CurrentUser user, AttachmentLinker attachments)
    : ICommandHandler<StartCase, IResult>
{
    public async ValueTask<IResult> Handle(StartCase command, CancellationToken cancellationToken)
    {
        var form = command.Form.OrEmpty();
        WorkflowDefinition? definition;
        await using (var engine = database.CreateContext())
        {
            definition = (await definitions.GetLatestAsync(engine, command.DefinitionId.Trim(), cancellationToken))?.Definition;
        }

        if (definition?.StartRoles is { } roles && !user.MayStart(definition))
        {
            return ApiProblems.Forbidden(roles.Count == 0
                ? $"“{definition.Name}”由上级流程或专门的功能发起，不能直接发起。"
                : $"只有{string.Join("、", roles.Select(r => Roles.Names.GetValueOrDefault(r, r)))}可以发起“{definition.Name}”。");
        }

        var schema = definition?.StartForm();

        var unusable = await attachments.FindUnusableAsync(schema, form, caseId: null, cancellationToken);
        if (unusable.Count > 0)
        {
            return ApiProblems.Validation(unusable);
        }

        var result = await runtime.StartAsync(new StartRequest(command.DefinitionId.Trim())
        {
            Title = command.Title,
            Form = form,
            InitiatorUserId = user.Id,
            InitiatorOrgId = user.OrgId,
        }, cancellationToken);
        if (!result.Succeeded)
        {
            return ApiProblems.FromRun(result);
        }

        var id = result.InstanceId!.Value;
        await attachments.LinkAsync(schema, form, id, cancellationToken);
        return Results.Created($"/api/cases/{id}", new { id = id.ToString(), status = result.InstanceStatus?.ToString() });
    }
}
