// What changed between two versions of a definition, for the designer's "compare versions" and a publisher's review.
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Approvals.Workflows.Definitions;

public static class DefinitionDiff
{
    public static DefinitionChanges Compare(WorkflowDefinition from, WorkflowDefinition to)
    {
        var before = from.Nodes.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = to.Nodes.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var changedNodes = new List<NodeChange>();
        foreach (var (id, old) in before)
        {
            if (!after.TryGetValue(id, out var @new))
            {
                continue;
            }

            var change = new NodeChange(
                id,
                KindChanged: old.Kind != @new.Kind,
                NameChanged: (old.Name ?? "") != (@new.Name ?? ""),
                InputsChanged: !JsonNode.DeepEquals(old.Inputs, @new.Inputs),
                PositionChanged: old.Position != @new.Position);
            if (change.KindChanged || change.NameChanged || change.InputsChanged || change.PositionChanged)
            {
                changedNodes.Add(change);
            }
        }

        var (addedVariables, removedVariables, changedVariables) = Keyed(from.Variables, to.Variables, v => v.Name);
        var (addedForms, removedForms, changedForms) = Keyed(from.Forms, to.Forms, f => f.Id);
        return new DefinitionChanges(
            AddedNodes: [.. after.Keys.Where(id => !before.ContainsKey(id))],
            RemovedNodes: [.. before.Keys.Where(id => !after.ContainsKey(id))],
            ChangedNodes: changedNodes,
            AddedEdges: [.. to.Edges.Except(from.Edges)],
            RemovedEdges: [.. from.Edges.Except(to.Edges)],
            AddedVariables: addedVariables,
            RemovedVariables: removedVariables,
            ChangedVariables: changedVariables,
            AddedForms: addedForms,
            RemovedForms: removedForms,
            ChangedForms: changedForms);
    }

    /// <summary>Added, removed and changed keys; records holding lists or JSON compare by their serialized form.</summary>
    private static (string[] Added, string[] Removed, string[] Changed) Keyed<T>(
        IReadOnlyList<T> from, IReadOnlyList<T> to, Func<T, string> key)
    {
        var before = from.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Json(g.First()), StringComparer.Ordinal);
        var after = to.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Json(g.First()), StringComparer.Ordinal);
        return (
            [.. after.Keys.Where(k => !before.ContainsKey(k))],
            [.. before.Keys.Where(k => !after.ContainsKey(k))],
            [.. before.Where(b => after.TryGetValue(b.Key, out var a) && a != b.Value).Select(b => b.Key)]);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, DefinitionJson.Compact);
}

/// <summary>Node and edge changes, then variables and forms by name; empty lists everywhere mean the same process.</summary>
public sealed record DefinitionChanges(
    IReadOnlyList<string> AddedNodes,
    IReadOnlyList<string> RemovedNodes,
    IReadOnlyList<NodeChange> ChangedNodes,
    IReadOnlyList<EdgeDefinition> AddedEdges,
    IReadOnlyList<EdgeDefinition> RemovedEdges,
    IReadOnlyList<string> AddedVariables,
    IReadOnlyList<string> RemovedVariables,
    IReadOnlyList<string> ChangedVariables,
    IReadOnlyList<string> AddedForms,
    IReadOnlyList<string> RemovedForms,
    IReadOnlyList<string> ChangedForms)
{
    public bool VariablesChanged => AddedVariables.Count + RemovedVariables.Count + ChangedVariables.Count > 0;

    public bool FormsChanged => AddedForms.Count + RemovedForms.Count + ChangedForms.Count > 0;

    public bool IsEmpty =>
        AddedNodes.Count + RemovedNodes.Count + ChangedNodes.Count + AddedEdges.Count + RemovedEdges.Count == 0
        && !VariablesChanged && !FormsChanged;
}

public sealed record NodeChange(string NodeId, bool KindChanged, bool NameChanged, bool InputsChanged, bool PositionChanged);
