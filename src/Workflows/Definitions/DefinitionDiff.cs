// What changed between two versions of a process, in the terms an administrator reviews before publishing:
// nodes added, removed or changed (kind, name, which inputs), edges added or removed, variables, forms, and who may
// start it.
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Approvals.Workflows.Definitions;

public sealed record NodeSummary(string Id, string Kind, string? Name);

public sealed record NodeChange(string Id, NodeSummary Before, NodeSummary After, bool KindChanged, bool NameChanged, IReadOnlyList<string> ChangedInputs)
{
    public bool InputsChanged => ChangedInputs.Count > 0;
}

public sealed record DefinitionChanges(
    bool NameChanged,
    bool DescriptionChanged,
    IReadOnlyList<NodeSummary> AddedNodes,
    IReadOnlyList<NodeSummary> RemovedNodes,
    IReadOnlyList<NodeChange> ChangedNodes,
    IReadOnlyList<EdgeDefinition> AddedEdges,
    IReadOnlyList<EdgeDefinition> RemovedEdges,
    bool VariablesChanged,
    bool FormsChanged,
    bool StartRolesChanged)
{
    public bool HasChanges => NameChanged || DescriptionChanged || AddedNodes.Count + RemovedNodes.Count + ChangedNodes.Count > 0
        || AddedEdges.Count + RemovedEdges.Count > 0 || VariablesChanged || FormsChanged || StartRolesChanged;
}

public static class DefinitionDiff
{
    /// <summary>Node ids are unique within a published version (the validator sees to it), so they pair the nodes up.
    /// Positions are left out: moving a node on the canvas changes nothing a case does.</summary>
    public static DefinitionChanges Compare(WorkflowDefinition before, WorkflowDefinition after)
    {
        var old = before.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var now = after.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);

        var changed = new List<NodeChange>();
        foreach (var node in after.Nodes.Where(n => old.ContainsKey(n.Id)))
        {
            var previous = old[node.Id];
            var kindChanged = previous.Kind != node.Kind;
            var nameChanged = (previous.Name ?? "") != (node.Name ?? "");
            var inputs = ChangedInputs(previous.Inputs, node.Inputs);
            if (kindChanged || nameChanged || inputs.Count > 0)
            {
                changed.Add(new NodeChange(node.Id, Summary(previous), Summary(node), kindChanged, nameChanged, inputs));
            }
        }

        var oldEdges = before.Edges.ToHashSet();
        var newEdges = after.Edges.ToHashSet();
        return new DefinitionChanges(
            NameChanged: before.Name != after.Name,
            DescriptionChanged: (before.Description ?? "") != (after.Description ?? ""),
            AddedNodes: [.. after.Nodes.Where(n => !old.ContainsKey(n.Id)).Select(Summary)],
            RemovedNodes: [.. before.Nodes.Where(n => !now.ContainsKey(n.Id)).Select(Summary)],
            ChangedNodes: changed,
            AddedEdges: [.. after.Edges.Where(e => !oldEdges.Contains(e)).Distinct()],
            RemovedEdges: [.. before.Edges.Where(e => !newEdges.Contains(e)).Distinct()],
            VariablesChanged: !SameJson(before.Variables, after.Variables),
            FormsChanged: !SameJson(before.Forms, after.Forms),
            StartRolesChanged: !SameJson(before.StartRoles, after.StartRoles));
    }

    private static NodeSummary Summary(NodeDefinition node) => new(node.Id, node.Kind, node.Name);

    /// <summary>An input left out and one set to null are the same: both take the activity's default.</summary>
    private static List<string> ChangedInputs(JsonObject before, JsonObject after) =>
        [.. before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal)
            .Where(name => !JsonNode.DeepEquals(before[name], after[name]))
            .Order(StringComparer.Ordinal)];

    private static bool SameJson<T>(T before, T after) =>
        JsonNode.DeepEquals(JsonSerializer.SerializeToNode(before, DefinitionJson.Options), JsonSerializer.SerializeToNode(after, DefinitionJson.Options));
}
