// A person's decision on a task: approve, reject, return for revision, resubmit, or a custom outcome of a UserTask.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Attachments;
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Cases;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Tasks;

public sealed record DecideTask(TaskId TaskId, string Outcome, string? Comment, JsonObject? Data, string? ReturnTo) : IApiCommand;

internal sealed class DecideTaskValidator : AbstractValidator<DecideTask>
{
    public DecideTaskValidator()
    {
        RuleFor(d => d.Outcome).NotEmpty().WithName("办理结果").MaximumLength(64);
        RuleFor(d => d.Comment).MaximumLength(2000).WithName("意见");
        RuleFor(d => d.Comment).NotEmpty().When(d => d.Outcome is "reject" or "return")
            .WithMessage("不同意或退回修改时，请填写理由。");
        RuleFor(d => d.ReturnTo).MaximumLength(100).WithName("退回环节");
    }
}

internal sealed class DecideTaskHandler(
    WorkflowRuntime runtime, WorkflowDatabase database, DefinitionStore definitions, CaseScope scope, CurrentUser user, AttachmentLinker attachments)
    : ICommandHandler<DecideTask, IResult>
{
    public async ValueTask<IResult> Handle(DecideTask command, CancellationToken cancellationToken)
    {
        HumanTask? task;
        FormDefinition? schema = null;
        await using (var db = database.CreateContext())
        {
            (task, var problem) = await scope.TaskToActOnAsync(db, command.TaskId, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (command.Data is { Count: > 0 })
            {
                // Files uploaded while revising are named in the form's file fields, like those of the first submission.
                var recordId = await db.Instances.Where(i => i.Id == task!.InstanceId).Select(i => i.DefinitionRecordId).SingleAsync(cancellationToken);
                schema = (await definitions.GetByRecordIdAsync(db, recordId, cancellationToken)).StartForm();
                var unusable = await attachments.FindUnusableAsync(schema, command.Data, task!.InstanceId, cancellationToken);
                if (unusable.Count > 0)
                {
                    return ApiProblems.Validation(unusable);
                }
            }
        }

        var result = await runtime.CompleteTaskAsync(command.TaskId, new TaskDecision(command.Outcome, user.Id)
        {
            Comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim(),
            Data = command.Data,
            ReturnTo = command.ReturnTo,
        }, cancellationToken);
        if (result.Succeeded && command.Data is { Count: > 0 } data)
        {
            await attachments.LinkAsync(schema, data, task!.InstanceId, cancellationToken);
        }

        return ApiProblems.FromRun(result);
    }
}
