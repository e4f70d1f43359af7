// The expert pool an ExpertReview step draws from: every user holding the expert role, with their own organisation
// and its city, so the engine can keep experts away from their own school and city (回避). One pool for now: the
// pool name a step gives is not yet a separate list.
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Organizations;

internal sealed class ExpertPool(IServiceScopeFactory scopes) : IExpertPool
{
    public async ValueTask<IReadOnlyList<Expert>> GetExpertsAsync(string pool, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDb>();
        var experts = await (
                from user in db.Users
                join membership in db.UserRoles on user.Id equals membership.UserId
                join role in db.Roles on membership.RoleId equals role.Id
                join org in db.Organizations on user.OrgId equals org.Id
                where role.Name == Roles.Expert
                select new { user.Id, user.OrgId, org.Path })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return [.. experts.Select(e => new Expert(e.Id, e.OrgId, CityOf(e.Path)))];
    }

    /// <summary>"/150000/150400/150400-01/" → "150400": the second level of the tree is the city.</summary>
    private static string? CityOf(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 } ids ? ids[1] : null;
}
