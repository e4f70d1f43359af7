using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("SetVariable", "设置变量", ActivityCategories.Data, Description = "计算表达式并写入流程变量，变更记入日志。")]
[Input("variable", "变量", InputType.Text, Required = true, Editor = "variable")]
[Input("value", "值", InputType.Expression, Required = true, Description = "如 form.amount * 0.5")]
[Outcome("done", "完成")]
public sealed class SetVariable : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = context.Text("variable") ?? throw new InvalidOperationException("未指定变量名。");
        context.SetVariable(name, context.EvaluateInput("value"));
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}
