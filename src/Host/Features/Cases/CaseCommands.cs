// What a person does to a whole case: cancel it (applicant or administrator), comment on it, copy it to colleagues.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Notifications;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Cases;

public sealed record CancelCase(InstanceId Id, string? Reason) : IApiCommand;

public sealed record CommentOnCase(InstanceId Id, string? Text) : IApiCommand;

public sealed record CopyCase(InstanceId Id, IReadOnlyList<string> UserIds) : IApiCommand;

internal sealed class CancelCaseValidator : AbstractValidator<CancelCase>
{
    public CancelCaseValidator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("请填写撤销理由。").MaximumLength(500);
}

internal sealed class CommentOnCaseValidator : AbstractValidator<CommentOnCase>
{
    public CommentOnCaseValidator() => RuleFor(c => c.Text).NotEmpty().WithName("意见内容").MaximumLength(2000);
}

internal sealed class CopyCaseValidator : AbstractValidator<CopyCase>
{
    public CopyCaseValidator() => RuleFor(c => c.UserIds).NotEmpty().WithName("抄送人").Must(ids => ids.Count <= 50).WithMessage("一次最多抄送 50 人。");
}

internal sealed class CancelCaseHandler(WorkflowRuntime runtime, WorkflowDatabase database, CaseScope scope, CurrentUser user)
    : ICommandHandler<CancelCase, IResult>
{
    public async ValueTask<IResult> Handle(CancelCase command, CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            var (found, problem) = await scope.CaseToActOnAsync(db, command.Id, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            if (found!.InitiatorUserId != user.Id && !user.IsAdministrator)
            {
                return ApiProblems.Forbidden("只有申请人或系统管理员可以撤销案件。");
            }
        }

        return ApiProblems.FromRun(await runtime.CancelAsync(command.Id, user.Id, command.Reason!.Trim(), cancellationToken));
    }
}

internal sealed class CommentOnCaseHandler(WorkflowRuntime runtime, WorkflowDatabase database, CaseScope scope, CurrentUser user)
    : ICommandHandler<CommentOnCase, IResult>
{
    public async ValueTask<IResult> Handle(CommentOnCase command, CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            var (_, problem) = await scope.CaseToActOnAsync(db, command.Id, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        return ApiProblems.FromRun(await runtime.CommentAsync(command.Id, user.Id, command.Text!, cancellationToken));
    }
}

internal sealed class CopyCaseHandler(
    WorkflowRuntime runtime, WorkflowDatabase database, CaseScope scope, CurrentUser user, ApprovalsDb appDb, TimeProvider clock)
    : ICommandHandler<CopyCase, IResult>
{
    public async ValueTask<IResult> Handle(CopyCase command, CancellationToken cancellationToken)
    {
        string title;
        await using (var db = database.CreateContext())
        {
            var (copied, problem) = await scope.CaseToActOnAsync(db, command.Id, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            title = copied!.Title;
        }

        var wanted = command.UserIds.Distinct().ToArray();
        var found = await appDb.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.OrgId }).ToListAsync(cancellationToken);
        if (found.Count != wanted.Length)
        {
            return ApiProblems.Validation("userIds", "抄送人中有不存在的用户。");
        }

        foreach (var target in found)
        {
            if (!await scope.CanInvolveAsync(target.OrgId, cancellationToken))
            {
                return ApiProblems.Validation("userIds", $"不能抄送给 {target.DisplayName}：只能抄送本盟市及上级单位的人员。");
            }
        }

        var already = await appDb.CaseCopies.Where(c => c.CaseId == command.Id && wanted.Contains(c.UserId)).Select(c => c.UserId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var target in found.Where(u => !already.Contains(u.Id)))
        {
            appDb.CaseCopies.Add(new CaseCopy { CaseId = command.Id, UserId = target.Id, CopiedBy = user.Id, CreatedAt = now });
            appDb.Notifications.Add(new Notification
            {
                UserId = target.Id, Kind = "copied", Title = $"{user.DisplayName} 抄送给您：{title}", CaseId = command.Id,
                SourceKey = $"copy:{command.Id}", CreatedAt = now,
            });
        }

        var journaled = await runtime.CommentAsync(command.Id, user.Id,
            $"抄送：{string.Join("、", found.Select(u => u.DisplayName))}", cancellationToken);
        return journaled.Succeeded ? Results.Ok(new { copied = found.Count - already.Count }) : ApiProblems.FromRun(journaled);
    }
}
