// Display names for the ids stored in cases and tasks (users, organisations, roles), fetched in one query per kind.
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Organizations;

public sealed class Names(ApprovalsDb db)
{
    public async Task<IReadOnlyDictionary<string, string>> UsersAsync(IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct().ToArray();
        return wanted.Length == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> OrganizationsAsync(IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct().ToArray();
        return wanted.Length == 0
            ? new Dictionary<string, string>()
            : await db.Organizations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
    }

    public static string? Role(string? role) => role is null ? null : Roles.Names.GetValueOrDefault(role, role);
}
