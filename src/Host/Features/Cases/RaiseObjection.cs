// 异议: a public notice (公示) is public, so anyone signed in may object to a case on notice, even one they cannot
// read; the objection reaches the notice's handler and pauses the notice. A case that is neither visible to the
// caller nor on notice answers 404, so objecting cannot be used to learn which cases exist.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Cases;

public sealed record RaiseObjection(InstanceId Id, string? Reason) : IApiCommand;

internal sealed class RaiseObjectionValidator : AbstractValidator<RaiseObjection>
{
    public RaiseObjectionValidator() => RuleFor(o => o.Reason).NotEmpty().WithMessage("请填写异议理由。").MaximumLength(2000);
}

internal sealed class RaiseObjectionHandler(WorkflowRuntime runtime, WorkflowDatabase database, CaseScope scope, CurrentUser user)
    : ICommandHandler<RaiseObjection, IResult>
{
    public async ValueTask<IResult> Handle(RaiseObjection command, CancellationToken cancellationToken)
    {
        var result = await runtime.RaiseObjectionAsync(command.Id, user.Id, command.Reason!.Trim(), cancellationToken);
        if (result.Succeeded)
        {
            return Results.Ok(new { id = command.Id.ToString(), message = "异议已提交，公示暂停，待主管部门处理。" });
        }

        // No case, and a case the caller cannot see that is not on notice, answer alike: objecting tells nobody which cases exist.
        await using var db = database.CreateContext();
        return result.Status == RunStatus.NotFound
               || (result.Status == RunStatus.Conflict && !await scope.CanSeeCaseAsync(db, command.Id, cancellationToken))
            ? ApiProblems.NotFound("案件不存在或不在公示期。")
            : ApiProblems.FromRun(result);
    }
}
