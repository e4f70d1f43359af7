// What an activity tells the runtime after it ran: go on by outcomes, wait, jump, or end the instance.
using System.Text.Json.Nodes;

namespace Approvals.Workflows.Activities;

public abstract record ActivityResult
{
    public static ActivityResult Wait { get; } = new Waiting();

    public static ActivityResult Done(params string[] outcomes) => new Completed(outcomes);

    public static ActivityResult JumpTo(string nodeId) => new Jump(nodeId);

    public static ActivityResult EndWorkflow(JsonNode? output) => new Finish(output);

    /// <summary>Follow the edges of each outcome (several outcomes run in parallel).</summary>
    public sealed record Completed(IReadOnlyList<string> Outcomes) : ActivityResult;

    /// <summary>The node waits on the bookmarks it holds, or (a join) has absorbed this path.</summary>
    public sealed record Waiting : ActivityResult;

    /// <summary>Continue at another node, not along an edge: a return for revision.</summary>
    public sealed record Jump(string NodeId) : ActivityResult;

    public sealed record Finish(JsonNode? Output) : ActivityResult;
}
