// The dead-parts check of a whole-process scenario: every node of a shipped definition appears in the journal of
// the cases the scenario ran on it, so no step of the process is there without a test that goes through it.
using Approvals.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Tests;

internal static class ProcessCoverage
{
    /// <summary>
    /// Asserts that each node of the latest published version of <paramref name="definitionId"/> is journaled by at
    /// least one case of it in this host's database; <paramref name="notReached"/> names the nodes the scenario is
    /// known not to take (such as the end of a refusal), each of which must exist in the definition.
    /// </summary>
    public static async Task AssertEveryNodeJournaledAsync(this HostFactory factory, string definitionId, params string[] notReached)
    {
        var (json, journaled) = await factory.QueryEngineAsync(async db =>
        {
            var latest = await db.Definitions.Where(d => d.DefinitionId == definitionId)
                .OrderByDescending(d => d.Version).Select(d => d.Json).FirstAsync();
            var cases = db.Instances.Where(i => i.DefinitionId == definitionId).Select(i => i.Id);
            var nodes = await db.Journal.Where(e => cases.Contains(e.InstanceId) && e.NodeId != null)
                .Select(e => e.NodeId!).Distinct().ToListAsync();
            return (latest, nodes.ToHashSet(StringComparer.Ordinal));
        });
        var nodeIds = DefinitionJson.Parse(json).Nodes.Select(n => n.Id).ToArray();
        Assert.All(notReached, node => Assert.Contains(node, nodeIds));
        var missing = nodeIds.Except(notReached).Where(n => !journaled.Contains(n)).ToArray();
        Assert.True(missing.Length == 0, $"{definitionId} 的这些节点没有出现在场景的日志中：{string.Join("、", missing)}");
    }
}
