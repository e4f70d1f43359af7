// Sign-in with ASP.NET Core Identity and a cookie: lockout after repeated failures, a rate limit on the
// sign-in endpoint, antiforgery on every state-changing API call, and 401/403 as ProblemDetails, never a redirect.
using System.Security.Claims;
using System.Threading.RateLimiting;
using Approvals.Host.Persistence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Approvals.Host.Features.Auth;

internal static class AuthSetup
{
    public const string AdministratorsOnly = "administrators";
    public const string SignInRateLimit = "sign-in";
    public const string AntiforgeryHeader = "X-XSRF-TOKEN";

    public static IServiceCollection AddApprovalsAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        services.AddDataProtection().SetApplicationName("approvals").PersistKeysToDbContext<ApprovalsDb>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<User>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ApprovalsDb>()
            .AddSignInManager()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddClaimsPrincipalFactory<ApprovalsClaimsFactory>();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "approvals.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => WriteProblemAsync(context.HttpContext, 401, "未登录", "请先登录。");
            options.Events.OnRedirectToAccessDenied = context => WriteProblemAsync(context.HttpContext, 403, "无权操作", "您的角色无权进行此操作。");
        });
        services.AddAuthorizationBuilder().AddPolicy(AdministratorsOnly, p => p.RequireRole(Roles.Administrator));
        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeader;
            options.Cookie.Name = "approvals.antiforgery";
        });

        var permits = configuration.GetValue("Approvals:SignInAttemptsPerMinute", 20);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = (context, _) => new ValueTask(
                WriteProblemAsync(context.HttpContext, 429, "请求过于频繁", "登录尝试过于频繁，请一分钟后再试。"));
        });
        return services;
    }

    /// <summary>Cookie-authenticated writes must carry the antiforgery header; sign-in itself takes JSON only, which a cross-site form cannot send.</summary>
    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api")
            && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && !request.Path.StartsWithSegments("/api/auth/login"))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await WriteProblemAsync(context, 400, "防伪校验失败", $"请求缺少有效的防伪令牌：请先调用 GET /api/auth/antiforgery，并在请求头 {AntiforgeryHeader} 中带上令牌。");
                return;
            }
        }

        await next(context);
    });

    public static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}

/// <summary>Puts the organisation and display name into the cookie, so scoping needs no lookup per request.</summary>
internal sealed class ApprovalsClaimsFactory(UserManager<User> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.OrgClaim, user.OrgId));
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
