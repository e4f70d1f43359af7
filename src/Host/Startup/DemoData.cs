// First start: the organisation tree always; on the embedded default also sample schools and one demo user per
// role, so a newcomer can sign in at once. A production database gets no demo users.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Startup;

internal sealed partial class DemoData(ApprovalsDb db, UserManager<User> users, RoleManager<IdentityRole> roles, ILogger<DemoData> logger)
{
    public const string Password = "Demo#2026";

    /// <summary>(user name, display name, organisation, role): who the console tells a newcomer to sign in as.</summary>
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string OrgId, string Role)> Users =
    [
        ("admin", "系统管理员", InnerMongolia.ProvinceId, Roles.Administrator),
        ("province", "自治区人社厅审核员", InnerMongolia.ProvinceId, Roles.ProvinceReviewer),
        ("hohhot", "呼和浩特市人社局审核员", "150100", Roles.CityReviewer),
        ("baotou", "包头市人社局审核员", "150200", Roles.CityReviewer),
        ("school", "呼和浩特技师学院经办人", InnerMongolia.SchoolId("150100", 1), Roles.SchoolApplicant),
        ("school2", "呼和浩特技工学校经办人", InnerMongolia.SchoolId("150100", 5), Roles.SchoolApplicant),
        ("school3", "包头技师学院经办人", InnerMongolia.SchoolId("150200", 1), Roles.SchoolApplicant),
        ("expert1", "赤峰技师学院 评审专家", InnerMongolia.SchoolId("150400", 1), Roles.Expert),
        ("expert2", "通辽机电技师学院 评审专家", InnerMongolia.SchoolId("150500", 2), Roles.Expert),
        ("expert3", "呼和浩特机电技师学院 评审专家", InnerMongolia.SchoolId("150100", 2), Roles.Expert),
        ("expert4", "包头机电技师学院 评审专家", InnerMongolia.SchoolId("150200", 2), Roles.Expert),
        ("education", "呼和浩特市教育局审核员", InnerMongolia.EducationBureauId("150100"), Roles.EducationReviewer),
        ("finance", "呼和浩特市财政局经办员", InnerMongolia.FinanceBureauId("150100"), Roles.FinanceOfficer),
    ];

    /// <summary>The tree, the roles, and either the demo users or (a production database) the first administrator, if configured.</summary>
    public async Task SeedAsync(bool demo, string? administratorPassword, CancellationToken cancellationToken)
    {
        foreach (var role in Roles.Names.Keys)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (!await db.Organizations.AnyAsync(cancellationToken))
        {
            db.Organizations.AddRange(InnerMongolia.Bureaus());
            if (demo)
            {
                db.Organizations.AddRange(InnerMongolia.DemoSchools());
            }

            await db.SaveChangesAsync(cancellationToken);
            var count = await db.Organizations.CountAsync(cancellationToken);
            LogTree(logger, count);
        }

        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        if (!demo)
        {
            if (administratorPassword is { Length: > 0 })
            {
                await CreateAsync("admin", "系统管理员", InnerMongolia.ProvinceId, Roles.Administrator, password: administratorPassword);
                LogUsers(logger, 1);
            }

            return;
        }

        // Every demo user has the one published password: it is hashed for the first and the others take that hash (a
        // hash is about 0.1 s of CPU, and a first start made thirteen), so they share a hash as they share the password.
        string? passwordHash = null;
        foreach (var (userName, displayName, orgId, role) in Users)
        {
            var user = passwordHash is null
                ? await CreateAsync(userName, displayName, orgId, role, password: Password)
                : await CreateAsync(userName, displayName, orgId, role, passwordHash: passwordHash);
            passwordHash = user.PasswordHash;
        }

        LogUsers(logger, Users.Count);
    }

    /// <summary>With a password, which is checked against the rules and hashed; or with the hash of one already checked.</summary>
    private async Task<User> CreateAsync(string userName, string displayName, string orgId, string role, string? password = null, string? passwordHash = null)
    {
        var user = new User
        {
            UserName = userName, DisplayName = displayName, OrgId = orgId, Email = $"{userName}@demo.invalid", EmailConfirmed = true, PasswordHash = passwordHash,
        };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"用户 {userName} 创建失败：{string.Join("；", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, role);
        return user;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "已建立组织机构 {Count} 个")]
    private static partial void LogTree(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "已创建用户 {Count} 个")]
    private static partial void LogUsers(ILogger logger, int count);
}
