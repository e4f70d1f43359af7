// An administrator renames an organisation or changes a school's type; its place in the tree (and so its path and
// every case's scope) stays as it is.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Organizations;

public sealed record UpdateOrganization(string Id, string? Name, string? SchoolType) : IApiCommand
{
    public sealed record Body(string? Name, string? SchoolType);
}

internal sealed class UpdateOrganizationValidator : AbstractValidator<UpdateOrganization>
{
    public UpdateOrganizationValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).WithName("机构名称");
        RuleFor(c => c.SchoolType).Must(t => OrganizationRules.ParseSchoolType(t) is not null).When(c => !string.IsNullOrEmpty(c.SchoolType))
            .WithMessage(OrganizationRules.SchoolTypeMessage);
    }
}

internal sealed class UpdateOrganizationHandler(ApprovalsDb db, CurrentUser user, TimeProvider clock) : ICommandHandler<UpdateOrganization, IResult>
{
    public async ValueTask<IResult> Handle(UpdateOrganization command, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == command.Id, cancellationToken);
        if (organization is null)
        {
            return ApiProblems.NotFound($"组织机构“{command.Id}”不存在。");
        }

        var schoolType = OrganizationRules.ParseSchoolType(command.SchoolType);
        if (organization.Kind == OrganizationKind.School && schoolType is null)
        {
            return ApiProblems.Validation("schoolType", "技工院校须选择办学类型。");
        }

        if (organization.Kind != OrganizationKind.School && schoolType is not null)
        {
            return ApiProblems.Validation("schoolType", "只有技工院校有办学类型。");
        }

        var name = command.Name!.Trim();
        if (await OrganizationRules.NameTakenAsync(db, organization.ParentId, name, organization.Id, cancellationToken))
        {
            return ApiProblems.Validation("name", OrganizationRules.NameTakenMessage(name));
        }

        var before = OrganizationAudit.Describe(organization);
        organization.Name = name;
        organization.SchoolType = schoolType;
        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = user.Id, Action = "organization-changed", Target = organization.Id,
            Data = new JsonObject { ["before"] = before, ["after"] = OrganizationAudit.Describe(organization) }.ToJsonString(),
        });
        var users = await db.Users.CountAsync(u => u.OrgId == organization.Id, cancellationToken);
        return Results.Ok(ListOrganizationsHandler.View(organization, users));
    }
}
