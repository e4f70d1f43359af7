// An administrator adds a school or a bureau under a city. Its path is the parent's path and its own id, so the
// subtree queries that scope every case include it at once.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Organizations;

/// <summary>Kind and SchoolType by their codes (School, TechnicianCollege…), as GET /api/organizations lists them.</summary>
public sealed record AddOrganization(string? Id, string? Name, string? Kind, string? SchoolType, string? ParentId) : IApiCommand;

internal sealed class AddOrganizationValidator : AbstractValidator<AddOrganization>
{
    public AddOrganizationValidator()
    {
        RuleFor(c => c.Id).NotEmpty().WithName("机构编号");
        RuleFor(c => c.Id).Must(OrganizationRules.IsId).When(c => !string.IsNullOrEmpty(c.Id)).WithMessage(OrganizationRules.IdMessage);
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).WithName("机构名称");
        RuleFor(c => c.Kind).NotEmpty().WithName("机构类别");
        RuleFor(c => c.Kind).Must(k => OrganizationRules.Kind(k) is not null).When(c => !string.IsNullOrEmpty(c.Kind))
            .WithMessage(OrganizationRules.KindMessage);
        RuleFor(c => c.SchoolType).NotEmpty().When(c => c.Kind == nameof(OrganizationKind.School)).WithMessage("技工院校须选择办学类型。");
        RuleFor(c => c.SchoolType).Must(t => OrganizationRules.ParseSchoolType(t) is not null)
            .When(c => c.Kind == nameof(OrganizationKind.School) && !string.IsNullOrEmpty(c.SchoolType)).WithMessage(OrganizationRules.SchoolTypeMessage);
        RuleFor(c => c.SchoolType).Empty().When(c => c.Kind != nameof(OrganizationKind.School)).WithMessage("只有技工院校有办学类型。");
        RuleFor(c => c.ParentId).NotEmpty().WithName("上级机构");
    }
}

internal sealed class AddOrganizationHandler(ApprovalsDb db, CurrentUser user, TimeProvider clock) : ICommandHandler<AddOrganization, IResult>
{
    public async ValueTask<IResult> Handle(AddOrganization command, CancellationToken cancellationToken)
    {
        var id = command.Id!;
        var name = command.Name!.Trim();
        var kind = OrganizationRules.Kind(command.Kind)!.Value;
        if (await db.Organizations.AnyAsync(o => o.Id == id, cancellationToken))
        {
            return ApiProblems.Validation("id", $"机构编号“{id}”已被使用，请换一个编号。");
        }

        var parent = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == command.ParentId, cancellationToken);
        if (parent is null)
        {
            return ApiProblems.Validation("parentId", $"上级机构“{command.ParentId}”不存在。");
        }

        if (parent.Kind != OrganizationKind.City)
        {
            return ApiProblems.Validation("parentId", $"{Organization.KindName(kind)}只能设在盟市人社局之下，“{parent.Name}”是{Organization.KindName(parent.Kind)}。");
        }

        if (kind != OrganizationKind.School && await db.Organizations.AnyAsync(o => o.ParentId == parent.Id && o.Kind == kind, cancellationToken))
        {
            return ApiProblems.Validation("kind", $"“{parent.Name}”已有{Organization.KindName(kind)}，每个盟市只设一个。");
        }

        if (await OrganizationRules.NameTakenAsync(db, parent.Id, name, null, cancellationToken))
        {
            return ApiProblems.Validation("name", OrganizationRules.NameTakenMessage(name));
        }

        var organization = new Organization
        {
            Id = id, Name = name, Kind = kind, SchoolType = OrganizationRules.ParseSchoolType(command.SchoolType), ParentId = parent.Id,
            Path = $"{parent.Path}{id}/",
        };
        db.Organizations.Add(organization);
        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = user.Id, Action = "organization-added", Target = id,
            Data = OrganizationAudit.Describe(organization).ToJsonString(),
        });
        return Results.Created($"/api/organizations/{id}", ListOrganizationsHandler.View(organization, 0));
    }
}

internal static class OrganizationAudit
{
    public static JsonObject Describe(Organization o) => new()
    {
        ["name"] = o.Name, ["kind"] = o.Kind.ToString(), ["schoolType"] = o.SchoolType?.ToString(), ["parentId"] = o.ParentId, ["path"] = o.Path,
    };
}
