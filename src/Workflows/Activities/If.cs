using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("If", "条件判断", ActivityCategories.Flow, Description = "按条件走“是”或“否”。")]
[Input("condition", "条件", InputType.Expression, Required = true, Description = "如 form.schoolType === '技师学院'")]
[Outcome("true", "是")]
[Outcome("false", "否")]
public sealed class If : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var condition = context.Text("condition") ?? throw new InvalidOperationException("条件为空。");
        return ValueTask.FromResult(ActivityResult.Done(context.Condition(condition) ? "true" : "false"));
    }
}
