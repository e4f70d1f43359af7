// The engine's view of the tree (who is above whom), read from the organisation table.
using Approvals.Host.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Organizations;

internal sealed class OrganizationDirectory(IServiceScopeFactory scopes) : IOrganizationDirectory
{
    public async ValueTask<string?> GetParentAsync(string orgId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDb>();
        return await db.Organizations.Where(o => o.Id == orgId).Select(o => o.ParentId).FirstOrDefaultAsync(cancellationToken);
    }
}
