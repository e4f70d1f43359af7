// 撤回: the applicant takes the application back while nobody has acted on it yet, to change and resubmit it.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Cases;

public sealed record WithdrawCase(InstanceId Id, string? Reason) : IApiCommand;

internal sealed class WithdrawCaseValidator : AbstractValidator<WithdrawCase>
{
    public WithdrawCaseValidator() => RuleFor(w => w.Reason).MaximumLength(500).WithName("撤回理由");
}

internal sealed class WithdrawCaseHandler(WorkflowRuntime runtime, WorkflowDatabase database, CaseScope scope, CurrentUser user)
    : ICommandHandler<WithdrawCase, IResult>
{
    public async ValueTask<IResult> Handle(WithdrawCase command, CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            if (!await scope.CanSeeCaseAsync(db, command.Id, cancellationToken))
            {
                return ApiProblems.NotFound("案件不存在或无权查看。");
            }

            var initiator = await db.Instances.Where(i => i.Id == command.Id).Select(i => i.InitiatorUserId).SingleAsync(cancellationToken);
            if (initiator != user.Id)
            {
                return ApiProblems.Forbidden("只有申请人本人可以撤回申请。");
            }
        }

        return ApiProblems.FromRun(await runtime.WithdrawAsync(command.Id, user.Id, command.Reason?.Trim(), cancellationToken));
    }
}
