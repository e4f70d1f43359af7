using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("Fork", "并行分支", ActivityCategories.Flow, Description = "同时进入所有分支，通常以“汇聚”收拢。")]
[Input("branches", "分支名称", InputType.StringList, Default = "[\"分支1\", \"分支2\"]")]
public sealed class Fork : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Done([.. context.Strings("branches")]));

    public override IReadOnlyList<string> OutcomesOf(NodeDefinition node)
    {
        var branches = node.Inputs["branches"] ?? Descriptor.FindInput("branches")!.Default;
        return branches is System.Text.Json.Nodes.JsonArray array
            ? array.Select(b => b?.ToString() ?? "").Where(b => b.Length > 0).ToArray()
            : [];
    }
}
