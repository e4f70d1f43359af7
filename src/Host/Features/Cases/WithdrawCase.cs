// 撤回: the applicant takes the application back while nobody has acted on it yet, to change and resubmit it.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;

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
            var (found, problem) = await scope.CaseToActOnAsync(db, command.Id, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (found!.InitiatorUserId != user.Id)
            {
                return ApiProblems.Forbidden("只有申请人本人可以撤回申请。");
            }
        }

        return ApiProblems.FromRun(await runtime.WithdrawAsync(command.Id, user.Id, command.Reason?.Trim(), cancellationToken));
    }
}
