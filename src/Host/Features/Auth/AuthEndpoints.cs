// /api/auth: sign in, sign out, who am I, and the antiforgery token the client sends with every write.
using Approvals.Host.Features.Organizations;
using Approvals.Host.Features.Users;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Auth;

internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("登录");
        group.MapPost("/login", SignInAsync).RequireRateLimiting(AuthSetup.SignInRateLimit).AllowAnonymous();
        group.MapPost("/logout", SignOutAsync).RequireAuthorization();
        group.MapGet("/me", MeAsync).RequireAuthorization();
        group.MapGet("/antiforgery", (IAntiforgery antiforgery, HttpContext context) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return Results.Ok(new AntiforgeryToken(tokens.RequestToken!, AuthSetup.AntiforgeryHeader));
        }).AllowAnonymous();
        return app;
    }

    public sealed record SignInRequest(string? UserName, string? Password);

    public sealed record AntiforgeryToken(string Token, string HeaderName);

    public sealed record RoleView(string Code, string Name);

    public sealed record OrgView(string Id, string Name, string Kind, string KindName);

    public sealed record MeView(string Id, string UserName, string DisplayName, OrgView? Org, IReadOnlyList<RoleView> Roles);

    private static async Task<IResult> SignInAsync(
        SignInRequest request, SignInManager<User> signIn, ApprovalsDb db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = ["请输入用户名。"];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["请输入密码。"];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var user = await signIn.UserManager.FindByNameAsync(request.UserName!.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, request.Password!, isPersistent: false, lockoutOnFailure: true);
        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = user?.Id,
            Action = result.Succeeded ? "sign-in" : result.IsLockedOut ? "sign-in-locked" : "sign-in-failed",
            Target = request.UserName.Trim(),
        });
        await db.SaveChangesAsync(cancellationToken);

        if (result.IsLockedOut)
        {
            return Results.Problem(
                UserAccounts.IsDisabled(user!) ? "账号已被管理员停用，如需使用请联系管理员。" : "连续登录失败次数过多，账号已临时锁定，请 15 分钟后再试或联系管理员。",
                statusCode: StatusCodes.Status423Locked, title: "账号已锁定");
        }

        if (!result.Succeeded)
        {
            return Results.Problem("用户名或密码错误。", statusCode: StatusCodes.Status401Unauthorized, title: "登录失败");
        }

        return Results.Ok(await DescribeAsync(user!, signIn.UserManager, db, cancellationToken));
    }

    private static async Task<IResult> SignOutAsync(SignInManager<User> signIn)
    {
        await signIn.SignOutAsync();
        return Results.NoContent();
    }

    private static async Task<IResult> MeAsync(CurrentUser current, UserManager<User> users, ApprovalsDb db, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(current.Id);
        return user is null
            ? Results.Problem("登录的用户已不存在，请重新登录。", statusCode: StatusCodes.Status401Unauthorized, title: "未登录")
            : Results.Ok(await DescribeAsync(user, users, db, cancellationToken));
    }

    private static async Task<MeView> DescribeAsync(User user, UserManager<User> users, ApprovalsDb db, CancellationToken cancellationToken)
    {
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == user.OrgId, cancellationToken);
        var roles = await users.GetRolesAsync(user);
        return new MeView(user.Id, user.UserName ?? "", user.DisplayName,
            org is null ? null : new OrgView(org.Id, org.Name, org.Kind.ToString(), Organization.KindName(org.Kind)),
            [.. roles.Order().Select(r => new RoleView(r, Roles.Names.GetValueOrDefault(r, r)))]);
    }
}
