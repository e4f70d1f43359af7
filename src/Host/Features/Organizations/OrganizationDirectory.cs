// The engine's view of the tree (who is above whom, which bureau serves a city), read from the organisation table.
using Approvals.Host.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Organizations;

internal sealed class OrganizationDirectory(IServiceScopeFactory scopes) : IOrganizationDirectory
{
    /// <summary>The bureau kinds a definition may name after ".bureau:".</summary>
    public static readonly IReadOnlyDictionary<string, OrganizationKind> Bureaus = new Dictionary<string, OrganizationKind>(StringComparer.Ordinal)
    {
        ["education"] = OrganizationKind.EducationBureau,
        ["finance"] = OrganizationKind.FinanceBureau,
    };

    public async ValueTask<string?> GetParentAsync(string orgId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDb>();
        return await db.Organizations.Where(o => o.Id == orgId).Select(o => o.ParentId).FirstOrDefaultAsync(cancellationToken);
    }

    public async ValueTask<OrganizationProfile?> GetProfileAsync(string orgId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDb>();
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, cancellationToken);
        if (org is null)
        {
            return null;
        }

        var city = org.Kind == OrganizationKind.City
            ? org
            : await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == org.ParentId && o.Kind == OrganizationKind.City, cancellationToken);
        return new OrganizationProfile(org.Id, org.Name, org.SchoolType is { } type ? Organization.SchoolTypeName(type) : null,
            city?.Id, city is null ? null : Organization.AreaName(city));
    }

    public async ValueTask<string?> GetBureauAsync(string orgId, string kind, CancellationToken cancellationToken)
    {
        if (!Bureaus.TryGetValue(kind, out var bureau))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDb>();
        return await db.Organizations.Where(o => o.ParentId == orgId && o.Kind == bureau).Select(o => o.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
