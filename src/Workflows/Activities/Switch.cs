using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("Switch", "多路分支", ActivityCategories.Flow, Description = "依次判断各分支条件，走第一个成立的分支；都不成立时走“其他”。")]
[Input("cases", "分支", InputType.Cases, Required = true, Description = "[{\"outcome\": \"全国\", \"condition\": \"form.level === 'national'\"}]")]
[Input(OutcomeNames.Input, "分支名称", InputType.Json, Description = OutcomeNames.Description)]
[Outcome("default", "其他")]
public sealed class Switch : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        foreach (var (outcome, condition) in Cases(context.Node))
        {
            if (context.Condition(condition))
            {
                return ValueTask.FromResult(ActivityResult.Done(outcome));
            }
        }

        return ValueTask.FromResult(ActivityResult.Done("default"));
    }

    public override IReadOnlyList<string> OutcomesOf(NodeDefinition node) =>
        [.. Cases(node).Select(c => c.Outcome), "default"];

    public override IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition) =>
        OutcomeNames.Validate(node, OutcomesOf(node));

    /// <summary>The branches in order, each with its outcome and condition; incomplete entries are left out.</summary>
    internal static IEnumerable<(string Outcome, string Condition)> Cases(NodeDefinition node) =>
        (node.Inputs["cases"] as JsonArray ?? [])
        .Select(c => (Outcome: c?["outcome"]?.ToString() ?? "", Condition: c?["condition"]?.ToString() ?? ""))
        .Where(c => c.Outcome.Length > 0 && c.Condition.Length > 0);
}
