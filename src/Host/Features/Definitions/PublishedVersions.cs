// Which published version of a process a request means: the one it names, else the latest; a Chinese 404 when the
// process was never published or has no such version.
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Definitions;

internal readonly record struct VersionLookup(int Latest, int Wanted, IResult? Missing);

internal static class PublishedVersions
{
    public static async Task<VersionLookup> FindAsync(WorkflowDbContext db, string id, int? version, CancellationToken cancellationToken)
    {
        var versions = db.Definitions.AsNoTracking().Where(d => d.DefinitionId == id);
        var latest = await versions.MaxAsync(d => (int?)d.Version, cancellationToken);
        if (latest is null)
        {
            return new(0, 0, ApiProblems.NotFound($"流程“{id}”不存在或尚未发布。"));
        }

        var wanted = version ?? latest.Value;
        return wanted == latest || await versions.AnyAsync(d => d.Version == wanted, cancellationToken)
            ? new(latest.Value, wanted, null)
            : new(latest.Value, wanted, ApiProblems.NotFound($"流程“{id}”没有第 {wanted} 版（最新为第 {latest} 版）。"));
    }
}
