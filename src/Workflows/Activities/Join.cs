using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("Join", "汇聚", ActivityCategories.Flow, Description = "等待并行分支汇合：全部到达后继续，或任一到达即继续并取消其余分支。")]
[Input("mode", "汇聚方式", InputType.Select, Default = "\"all\"", Options = ["all", "any"], Description = "all：全部到达；any：任一到达")]
[Outcome("done", "继续")]
public sealed class Join : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var incoming = context.Definition.EdgesInto(context.Node.Id).Select(Key).ToHashSet(StringComparer.Ordinal);
        if (context.Text("mode") == "any")
        {
            context.CancelNodes(OtherBranches(context));
            return ValueTask.FromResult(ActivityResult.Done("done"));
        }

        var arrived = context.State["arrived"] as JsonArray ?? [];
        var key = context.IncomingEdge is { } edge ? Key(edge) : "";
        if (!arrived.Any(a => a?.ToString() == key))
        {
            arrived.Add(key);
        }

        if (incoming.All(k => arrived.Any(a => a?.ToString() == k)))
        {
            return ValueTask.FromResult(ActivityResult.Done("done"));
        }

        context.State["arrived"] = arrived.DeepClone();
        return ValueTask.FromResult(ActivityResult.Wait);
    }

    private static string Key(EdgeDefinition edge) => $"{edge.Source}.{edge.Outcome}";

    /// <summary>Nodes that lead here but that this join does not lead back to: the branches still running.</summary>
    private static IEnumerable<string> OtherBranches(ActivityContext context)
    {
        var definition = context.Definition;
        var after = Closure(context.Node.Id, id => definition.Edges.Where(e => e.Source == id).Select(e => e.Target));
        var before = Closure(context.Node.Id, id => definition.EdgesInto(id).Select(e => e.Source));
        return before.Where(n => !after.Contains(n));
    }

    private static HashSet<string> Closure(string start, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new Stack<string>(next(start));
        while (frontier.TryPop(out var id))
        {
            if (seen.Add(id))
            {
                foreach (var n in next(id))
                {
                    frontier.Push(n);
                }
            }
        }

        return seen;
    }
}
