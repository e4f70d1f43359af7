// What the user administration shares: how an account is shown (organisation, Chinese role names, whether it may
// sign in), the field rules of a user's details, and which roles belong at which kind of organisation.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Users;

/// <summary>Status: "active" (正常), "disabled" (an administrator stopped it: 已停用), "locked" (too many failed sign-ins: 临时锁定).</summary>
public sealed record UserView(
    string Id, string UserName, string DisplayName, string? Email, string OrgId, string? OrgName, IReadOnlyList<Choice> Roles,
    string Status, string StatusName, DateTimeOffset? LockedUntil);

internal static class UserAccounts
{
    /// <summary>An administrator's stop lasts until unlocked: Identity's lockout end at the end of time.</summary>
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    /// <summary>Where each role is held; an expert or administrator may belong to any organisation.</summary>
    public static readonly IReadOnlyDictionary<string, OrganizationKind> RoleHome = new Dictionary<string, OrganizationKind>
    {
        [Roles.SchoolApplicant] = OrganizationKind.School,
        [Roles.CityReviewer] = OrganizationKind.City,
        [Roles.ProvinceReviewer] = OrganizationKind.Province,
        [Roles.EducationReviewer] = OrganizationKind.EducationBureau,
        [Roles.FinanceOfficer] = OrganizationKind.FinanceBureau,
    };

    public static readonly string RolesMessage = $"角色只能是 {string.Join("、", Roles.Names.Select(r => $"{r.Key}（{r.Value}）"))} 之一。";

    /// <summary>A lockout end this far ahead is a stop, not a temporary lock (databases round the very last tick).</summary>
    public static bool IsDisabled(User user) => user.LockoutEnd is { Year: >= 9999 };

    /// <summary>Why these roles cannot be held at that organisation, or null when they can.</summary>
    public static string? PlacementProblem(IEnumerable<string> roles, Organization org)
    {
        var misplaced = roles.Where(r => RoleHome.TryGetValue(r, out var home) && home != org.Kind).ToList();
        return misplaced.Count == 0
            ? null
            : string.Join("", misplaced.Select(r => $"“{Roles.Names[r]}”只能设在{Organization.KindName(RoleHome[r])}，“{org.Name}”是{Organization.KindName(org.Kind)}。"));
    }

    public static async Task<IReadOnlyList<UserView>> DescribeAsync(ApprovalsDb db, IReadOnlyList<User> users, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = users.Select(u => u.Id).ToArray();
        var orgIds = users.Select(u => u.OrgId).Distinct().ToArray();
        var memberships = await (
                from membership in db.UserRoles
                join role in db.Roles on membership.RoleId equals role.Id
                where ids.Contains(membership.UserId)
                select new { membership.UserId, role.Name })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var roles = memberships.ToLookup(m => m.UserId, m => m.Name ?? "");
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return [.. users.Select(u =>
        {
            var (status, statusName) = IsDisabled(u) ? ("disabled", "已停用") : u.LockoutEnd > now ? ("locked", "临时锁定") : ("active", "正常");
            return new UserView(
                u.Id, u.UserName ?? "", u.DisplayName, u.Email, u.OrgId, orgs.GetValueOrDefault(u.OrgId),
                [.. roles[u.Id].OrderBy(RoleOrder).Select(r => new Choice(r, Roles.Names.GetValueOrDefault(r, r)))],
                status, statusName, status == "locked" ? u.LockoutEnd : null);
        })];
    }

    /// <summary>Roles in the order Roles.Names lists them: the way they read in the role checkboxes.</summary>
    private static int RoleOrder(string role) => Roles.Names.Keys.ToList().IndexOf(role) is var i and >= 0 ? i : int.MaxValue;
}

/// <summary>A user's details as an administrator gives them, the same when created and when changed.</summary>
public interface IUserDetails
{
    string? DisplayName { get; }

    string? Email { get; }

    string? OrgId { get; }

    IReadOnlyList<string>? Roles { get; }
}

internal sealed class UserDetailsValidator<T> : AbstractValidator<T>
    where T : IUserDetails
{
    public UserDetailsValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(50).WithName("姓名");
        RuleFor(c => c.Email).MaximumLength(200).EmailAddress().WithName("电子邮箱");
        RuleFor(c => c.OrgId).NotEmpty().WithName("所属机构");
        RuleFor(c => c.Roles).NotEmpty().WithMessage("请至少选择一个角色。");
        RuleFor(c => c.Roles).Must(r => r!.All(Auth.Roles.Names.ContainsKey)).When(c => c.Roles is { Count: > 0 }).WithMessage(UserAccounts.RolesMessage);
    }
}
