// Who is calling, read once from the sign-in cookie's claims.
using System.Security.Claims;

namespace Approvals.Host.Features.Auth;

public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    public const string OrgClaim = "org";
    public const string DisplayNameClaim = "display_name";

    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    /// <summary>The user id; endpoints that use it all require sign-in, so it is never empty there.</summary>
    public string Id => Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public string UserName => Principal.FindFirstValue(ClaimTypes.Name) ?? "";

    public string DisplayName => Principal.FindFirstValue(DisplayNameClaim) ?? UserName;

    public string OrgId => Principal.FindFirstValue(OrgClaim) ?? "";

    public IReadOnlyList<string> Roles => [.. Principal.FindAll(ClaimTypes.Role).Select(c => c.Value)];

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public bool IsAdministrator => IsInRole(Auth.Roles.Administrator);
}
