// 原则上: the province lets one school of a batch apply for more (or fewer) than its type's quota, with a reason;
// the window journals who granted what to whom and why.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Selections;

public sealed record GrantSpecialQuota(InstanceId BatchId, string? OrgId, int? Quota, string? Reason) : IApiCommand;

internal sealed class GrantSpecialQuotaValidator : AbstractValidator<GrantSpecialQuota>
{
    public GrantSpecialQuotaValidator()
    {
        RuleFor(g => g.OrgId).NotEmpty().WithMessage("请选择学校。").MaximumLength(100);
        RuleFor(g => g.Quota).NotNull().WithMessage("请填写特批名额。").InclusiveBetween(0, 100).WithMessage("特批名额应为 0 到 100 之间的整数。");
        RuleFor(g => g.Reason).NotEmpty().WithMessage("请填写特批理由。").MaximumLength(500);
    }
}

internal sealed class GrantSpecialQuotaHandler(WorkflowRuntime runtime, WorkflowDatabase database, CaseScope scope, CurrentUser user)
    : ICommandHandler<GrantSpecialQuota, IResult>
{
    public async ValueTask<IResult> Handle(GrantSpecialQuota command, CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            var (_, problem) = await scope.CaseToActOnAsync(db, command.BatchId, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (!user.IsInRole(Roles.ProvinceReviewer))
        {
            return ApiProblems.Forbidden("只有自治区人社厅可以特批申报名额。");
        }

        var result = await runtime.SignalAsync(command.BatchId, new Signal(ApplicationWindow.QuotaExceptionSignal, new JsonObject
        {
            ["orgId"] = command.OrgId!.Trim(),
            ["quota"] = command.Quota,
            ["reason"] = command.Reason!.Trim(),
        }, user.Id)
        {
            NotWaiting = "本批次不在申报期内，不能再特批申报名额。",
        }, cancellationToken);
        return result.Succeeded
            ? Results.Ok(new { id = command.BatchId.ToString(), message = "已特批该校本批次的申报名额。" })
            : ApiProblems.FromRun(result);
    }
}
