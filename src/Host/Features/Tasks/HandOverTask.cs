// Handing a task to someone else: 转办 (it is theirs now), 委派 (they handle it and hand it back), 加签 (their opinion
// first); and the delegate handing it back. The person named must exist and be within the caller's reach.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Tasks;

public enum HandOver
{
    Transfer,
    Delegate,
    AddSigner,
}

public sealed record HandOverTask(TaskId TaskId, HandOver Kind, string? UserId, string? Comment) : IApiCommand;

public sealed record HandBackTask(TaskId TaskId, string? Comment) : IApiCommand;

internal sealed class HandOverTaskValidator : AbstractValidator<HandOverTask>
{
    public HandOverTaskValidator()
    {
        RuleFor(h => h.UserId).NotEmpty().WithName("接收人").MaximumLength(100);
        RuleFor(h => h.Comment).MaximumLength(2000).WithName("说明");
    }
}

internal sealed class HandBackTaskValidator : AbstractValidator<HandBackTask>
{
    public HandBackTaskValidator() => RuleFor(h => h.Comment).NotEmpty().WithMessage("请填写处理意见。").MaximumLength(2000);
}

internal sealed class HandOverTaskHandler(WorkflowRuntime runtime, WorkflowDatabase database, CaseScope scope, ApprovalsDb appDb, CurrentUser user)
    : ICommandHandler<HandOverTask, IResult>
{
    public async ValueTask<IResult> Handle(HandOverTask command, CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            var (_, problem) = await scope.TaskToActOnAsync(db, command.TaskId, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        var target = await appDb.Users.AsNoTracking().Where(u => u.Id == command.UserId).Select(u => new { u.Id, u.OrgId }).FirstOrDefaultAsync(cancellationToken);
        if (target is null || !await scope.CanInvolveAsync(target.OrgId, cancellationToken))
        {
            return ApiProblems.Validation("userId", "接收人不存在，或不在本盟市及上级单位中。");
        }

        var to = new TaskReassignment(target.Id, target.OrgId);
        var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        var result = command.Kind switch
        {
            HandOver.Transfer => await runtime.TransferTaskAsync(command.TaskId, user.Id, to, comment, cancellationToken),
            HandOver.Delegate => await runtime.DelegateTaskAsync(command.TaskId, user.Id, to, comment, cancellationToken),
            _ => await runtime.AddSignerAsync(command.TaskId, user.Id, to, comment, cancellationToken),
        };
        return result is { Succeeded: true, TaskId: { } added }
            ? Results.Ok(new { id = result.InstanceId?.ToString(), taskId = added.ToString() })
            : ApiProblems.FromRun(result);
    }
}

internal sealed class HandBackTaskHandler(WorkflowRuntime runtime, WorkflowDatabase database, CaseScope scope, CurrentUser user)
    : ICommandHandler<HandBackTask, IResult>
{
    public async ValueTask<IResult> Handle(HandBackTask command, CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            var (task, problem) = await scope.TaskToActOnAsync(db, command.TaskId, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (task!.DelegatedToUserId != user.Id)
            {
                return ApiProblems.Conflict("该待办没有委派给您，无需交回。");
            }
        }

        return ApiProblems.FromRun(await runtime.ResolveDelegationAsync(command.TaskId, user.Id, command.Comment!.Trim(), cancellationToken));
    }
}
