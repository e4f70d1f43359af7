// The process diagram of one case: the nodes and edges of the version it runs on, each node marked with how far the
// case got (已完成, 当前, 已中止, 未到达) and each edge with whether the case went along it, all read from the journal.
using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;

namespace Approvals.Host.Features.Cases;

public static class DiagramStatus
{
    /// <summary>The node completed at least once (已完成).</summary>
    public const string Done = "done";

    /// <summary>The case waits at the node now (当前).</summary>
    public const string Current = "current";

    /// <summary>The case came to the node and left it unfinished: withdrawn, cancelled, a branch no longer needed (已中止).</summary>
    public const string Stopped = "stopped";

    /// <summary>The case has not come to the node (未到达).</summary>
    public const string Pending = "pending";
}

public sealed record DiagramNode(string Id, string Name, string Kind, string KindName, string Status);

public sealed record DiagramEdge(string Source, string Target, string Outcome, string OutcomeName, bool Taken);

public sealed record CaseDiagram(IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges)
{
    /// <summary>An edge was taken when its source completed with its outcome and the case then came to its target.</summary>
    public static CaseDiagram Of(WorkflowDefinition definition, IReadOnlyList<JournalEntry> journal, IReadOnlySet<string> waitingAt, ActivityRegistry activities)
    {
        var reached = journal.Where(j => j.NodeId is not null).Select(j => j.NodeId!).Concat(waitingAt).ToHashSet(StringComparer.Ordinal);
        var completed = journal.Where(j => j.Kind == "completed" && j.NodeId is not null)
            .SelectMany(j => Outcomes(j.Data).Select(o => (Node: j.NodeId!, Outcome: o)))
            .ToHashSet();
        var finished = journal.Where(j => j.Kind == "completed" && j.NodeId is not null).Select(j => j.NodeId!).ToHashSet(StringComparer.Ordinal);

        var nodes = definition.Nodes.Select(n => new DiagramNode(
            n.Id, n.DisplayName, n.Kind, activities.Find(n.Kind)?.Descriptor.DisplayName ?? n.Kind,
            waitingAt.Contains(n.Id) ? DiagramStatus.Current
            : finished.Contains(n.Id) ? DiagramStatus.Done
            : reached.Contains(n.Id) ? DiagramStatus.Stopped
            : DiagramStatus.Pending)).ToList();
        var edges = definition.Edges.Select(e => new DiagramEdge(
            e.Source, e.Target, e.Outcome, CaseLabels.Outcome(activities, definition.FindNode(e.Source), e.Outcome),
            completed.Contains((e.Source, e.Outcome)) && reached.Contains(e.Target))).ToList();
        return new CaseDiagram(nodes, edges);
    }

    private static IEnumerable<string> Outcomes(string data) =>
        JsonNode.Parse(data)?["outcomes"] is JsonArray outcomes ? outcomes.Select(o => o?.ToString() ?? "").Where(o => o.Length > 0) : [];
}
