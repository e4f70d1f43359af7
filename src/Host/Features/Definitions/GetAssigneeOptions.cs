// What the designer's assignee picker offers: the roles a task may name, and the organisations it may name relative
// to the applicant or to a form field, spelt in the engine's own keywords so the page hard-codes none of them.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Features.Users;
using Approvals.Host.Requests;
using Approvals.Workflows.Runtime;
using Mediator;

namespace Approvals.Host.Features.Definitions;

public sealed record GetAssigneeOptions : IApiQuery;

/// <summary>OrgKind: where the role is held (an organisation kind as /api/organizations names it); null when anywhere.</summary>
public sealed record AssigneeRoleOption(string Name, string DisplayName, string? OrgKind, string? OrgKindName);

/// <summary>Path: an org expression; "{field}" in it stands for a form field the administrator picks.</summary>
public sealed record AssigneeOrgOption(string Path, string DisplayName);

/// <summary>Id: a user keyword the engine resolves itself, such as the applicant.</summary>
public sealed record AssigneeUserOption(string Id, string DisplayName);

public sealed record AssigneeOptions(
    IReadOnlyList<AssigneeRoleOption> Roles, IReadOnlyList<AssigneeOrgOption> Orgs, IReadOnlyList<AssigneeUserOption> Users);

internal sealed class GetAssigneeOptionsHandler : IQueryHandler<GetAssigneeOptions, IResult>
{
    public const string FieldPlaceholder = "{field}";

    private static readonly AssigneeOptions Options = Build();

    public ValueTask<IResult> Handle(GetAssigneeOptions query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Results.Ok(Options));

    private static AssigneeOptions Build()
    {
        var roles = Roles.Names.Select(r => UserAccounts.RoleHome.TryGetValue(r.Key, out var home)
            ? new AssigneeRoleOption(r.Key, r.Value, home.ToString(), Organization.KindName(home))
            : new AssigneeRoleOption(r.Key, r.Value, null, null));

        var initiator = AssigneeSpec.Initiator;
        var field = $"{AssigneeSpec.Form}.{FieldPlaceholder}";
        var parent = "." + AssigneeSpec.Parent;
        var city = Organization.KindName(OrganizationKind.City);
        var province = Organization.KindName(OrganizationKind.Province);
        List<AssigneeOrgOption> orgs =
        [
            new(initiator, "申请单位本身"),
            new(initiator + parent, $"申请单位的上级（{city}）"),
            new(initiator + parent + parent, $"{province}（申请单位上级的上级）"),
            .. OrganizationDirectory.Bureaus.Select(b => new AssigneeOrgOption(
                $"{initiator}{parent}.{AssigneeSpec.BureauPrefix}{b.Key}", "盟市" + Organization.KindName(b.Value))),
            new(field, "表单字段指定的单位"),
            new(field + parent, "表单字段指定单位的上级"),
            new(field + parent + parent, "表单字段指定单位上级的上级"),
            .. OrganizationDirectory.Bureaus.Select(b => new AssigneeOrgOption(
                $"{field}{parent}.{AssigneeSpec.BureauPrefix}{b.Key}", "表单字段指定单位所在盟市的" + Organization.KindName(b.Value))),
        ];

        return new AssigneeOptions([.. roles], orgs, [new(AssigneeSpec.Initiator, "申请人本人")]);
    }
}
