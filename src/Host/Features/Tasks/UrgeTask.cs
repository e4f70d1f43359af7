// 催办: the applicant or a supervisor nudges whoever has the task; at most once an hour per task.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Tasks;

public sealed record UrgeTask(TaskId TaskId, string? Message) : IApiCommand;

internal sealed class UrgeTaskValidator : AbstractValidator<UrgeTask>
{
    public UrgeTaskValidator() => RuleFor(u => u.Message).MaximumLength(500).WithName("催办内容");
}

internal sealed class UrgeTaskHandler(WorkflowRuntime runtime, WorkflowDatabase database, CaseScope scope, CurrentUser user, TimeProvider clock)
    : ICommandHandler<UrgeTask, IResult>
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async ValueTask<IResult> Handle(UrgeTask command, CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            var (task, problem) = await scope.OpenVisibleTaskAsync(db, command.TaskId, cancellationToken);
            if (task is null)
            {
                return problem!;
            }

            if (scope.CanAct(task))
            {
                return ApiProblems.Validation("taskId", "这是您自己的待办，无需催办。");
            }

            if (task.LastUrgedAt is { } last && clock.GetUtcNow().UtcDateTime - last < Interval)
            {
                return ApiProblems.Conflict("一小时内已催办过该待办，请稍后再试。");
            }
        }

        var message = string.IsNullOrWhiteSpace(command.Message) ? $"{user.DisplayName} 催请尽快办理。" : command.Message.Trim();
        return ApiProblems.FromRun(await runtime.UrgeTaskAsync(command.TaskId, user.Id, message, cancellationToken));
    }
}
