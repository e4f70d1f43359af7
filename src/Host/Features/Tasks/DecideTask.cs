// A person's decision on a task: approve, reject, return for revision, resubmit, or a custom outcome of a UserTask.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;

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

internal sealed class DecideTaskHandler(WorkflowRuntime runtime, WorkflowDatabase database, CaseScope scope, CurrentUser user)
    : ICommandHandler<DecideTask, IResult>
{
    public async ValueTask<IResult> Handle(DecideTask command, CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            var (_, problem) = await scope.TaskToActOnAsync(db, command.TaskId, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        var result = await runtime.CompleteTaskAsync(command.TaskId, new TaskDecision(command.Outcome, user.Id)
        {
            Comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim(),
            Data = command.Data,
            ReturnTo = command.ReturnTo,
        }, cancellationToken);
        return ApiProblems.FromRun(result);
    }
}
