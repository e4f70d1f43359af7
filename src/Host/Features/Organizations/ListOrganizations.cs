// The organisation tree as a flat list (each row names its parent), for the administration pages and anyone who
// picks an organisation: an administrator reads the whole tree, everyone else their own organisation's subtree.
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Organizations;

public sealed record ListOrganizations : IApiQuery;

public sealed record Choice(string Code, string Name);

public sealed record OrganizationView(
    string Id, string Name, string Kind, string KindName, string? SchoolType, string? SchoolTypeName, string? ParentId, string Path, int Users);

/// <summary>AddableKinds: what an administrator may add (and under which kind of parent); SchoolTypes: a school's choices.</summary>
public sealed record OrganizationTreeView(IReadOnlyList<OrganizationView> Items, IReadOnlyList<Choice> AddableKinds, IReadOnlyList<Choice> SchoolTypes);

internal sealed class ListOrganizationsHandler(ApprovalsDb db, CurrentUser user) : IQueryHandler<ListOrganizations, IResult>
{
    public async ValueTask<IResult> Handle(ListOrganizations query, CancellationToken cancellationToken)
    {
        var organizations = db.Organizations.AsNoTracking();
        if (!user.IsAdministrator)
        {
            var own = await db.Organizations.AsNoTracking().Where(o => o.Id == user.OrgId).Select(o => o.Path).FirstOrDefaultAsync(cancellationToken);
            if (own is null)
            {
                return ApiProblems.NotFound("您所在的组织机构不存在，请联系管理员。");
            }

            organizations = organizations.Where(o => o.Path.StartsWith(own));
        }

        var rows = await organizations.OrderBy(o => o.Path).ToListAsync(cancellationToken);
        var ids = rows.Select(o => o.Id).ToArray();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.OrgId)).GroupBy(u => u.OrgId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return Results.Ok(new OrganizationTreeView(
            [.. rows.Select(o => View(o, users.GetValueOrDefault(o.Id)))],
            [.. OrganizationRules.AddableKinds.Select(k => new Choice(k.ToString(), Organization.KindName(k)))],
            [.. Enum.GetValues<SchoolType>().Select(t => new Choice(t.ToString(), Organization.SchoolTypeName(t)))]));
    }

    public static OrganizationView View(Organization o, int users) => new(
        o.Id, o.Name, o.Kind.ToString(), Organization.KindName(o.Kind),
        o.SchoolType?.ToString(), o.SchoolType is { } type ? Organization.SchoolTypeName(type) : null, o.ParentId, o.Path, users);
}
