// The base of every activity: a stateless class that executes a node and, if it waits, resumes it.
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

public abstract class Activity
{
    protected Activity() => Descriptor = ActivityDescriptor.Describe(GetType());

    public ActivityDescriptor Descriptor { get; }

    public abstract ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>Called when one of the bookmarks this node created is resumed; the bookmark is consumed.</summary>
    public virtual ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption) =>
        throw new InvalidOperationException($"“{Descriptor.DisplayName}”不等待任何事项，不能被恢复。");

    /// <summary>The outcomes a node of this kind can produce; dynamic for Switch and Fork.</summary>
    public virtual IReadOnlyList<string> OutcomesOf(NodeDefinition node) =>
        Descriptor.Outcomes.Select(o => o.Name).ToArray();

    /// <summary>Checks beyond the declared inputs; each problem names the node.</summary>
    public virtual IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition) => [];
}
