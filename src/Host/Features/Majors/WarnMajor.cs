// A city or the province puts one of a school's majors on warning (专业预警, seed 003 §(六)): over-supplied, low
// employment, or the jobs it trains for are disappearing. This starts the warning process on that major, whose
// form names the school, so the school is asked for its rectification and the major may end in withdrawal (退出).
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Majors;

public sealed record WarnMajor(string OrgId, string Code, string? Reason, string? Detail, double? EmploymentRate) : IApiCommand
{
    public sealed record Body(string? Reason, string? Detail, double? EmploymentRate);

    public static readonly string[] Reasons = ["供给过剩", "就业率低", "职业岗位消失", "其他"];
}

internal sealed class WarnMajorValidator : AbstractValidator<WarnMajor>
{
    public WarnMajorValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithName("预警原因")
            .Must(r => WarnMajor.Reasons.Contains(r)).When(c => !string.IsNullOrEmpty(c.Reason))
            .WithMessage($"“预警原因”只能从选项中选择：{string.Join("、", WarnMajor.Reasons)}。");
        RuleFor(c => c.Detail).NotEmpty().MaximumLength(2000).WithName("情况说明");
        RuleFor(c => c.EmploymentRate).InclusiveBetween(0, 100).WithName("就业率（%）");
    }
}

internal sealed class WarnMajorHandler(WorkflowDatabase database, WorkflowRuntime runtime, CaseScope scope, CurrentUser user, Names names)
    : ICommandHandler<WarnMajor, IResult>
{
    public async ValueTask<IResult> Handle(WarnMajor command, CancellationToken cancellationToken)
    {
        if (!(await scope.ReachAsync(cancellationToken)).Contains(command.OrgId))
        {
            return ApiProblems.NotFound("没有找到该学校，或您无权查看其专业。");
        }

        if (!user.IsInRole(Roles.CityReviewer) && !user.IsInRole(Roles.ProvinceReviewer))
        {
            return ApiProblems.Forbidden("只有盟市或自治区人社部门的审核人可以发出专业预警。");
        }

        RegistryRecord? major;
        await using (var db = database.CreateContext())
        {
            major = await db.Registry.AsNoTracking().FirstOrDefaultAsync(
                r => r.Collection == SchoolMajors.Collection && r.OrgId == command.OrgId && r.Key == command.Code, cancellationToken);
        }

        if (major is null)
        {
            return ApiProblems.NotFound($"该学校没有已备案的专业“{command.Code}”。");
        }

        if (major.Status != SchoolMajors.Active)
        {
            return ApiProblems.Conflict($"专业“{major.Name}”{Registers.SchoolMajors.StatusName(major.Status)}，不能再次预警。");
        }

        var school = (await names.OrganizationsAsync([command.OrgId], cancellationToken)).GetValueOrDefault(command.OrgId) ?? command.OrgId;
        var form = new JsonObject
        {
            ["schoolId"] = command.OrgId,
            ["schoolName"] = school,
            ["majorCode"] = major.Key,
            ["majorName"] = major.Name,
            ["reason"] = command.Reason,
            ["detail"] = command.Detail!.Trim(),
        };
        if (command.EmploymentRate is { } rate)
        {
            form["employmentRate"] = rate;
        }

        // The process is started here, not through POST /api/cases: only this action knows the major is the school's.
        var result = await runtime.StartAsync(new StartRequest(SchoolMajors.WarningProcess)
        {
            Title = $"{school} · {major.Name} 专业预警", Form = form, InitiatorUserId = user.Id, InitiatorOrgId = user.OrgId,
        }, cancellationToken);
        if (!result.Succeeded)
        {
            return ApiProblems.FromRun(result);
        }

        return Results.Created($"/api/cases/{result.InstanceId}", new { id = result.InstanceId!.Value.ToString(), status = result.InstanceStatus?.ToString() });
    }
}
