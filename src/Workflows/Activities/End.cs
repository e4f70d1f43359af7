using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("End", "结束", ActivityCategories.Basic, Description = "流程在此结束，其余未完成的分支一并取消。")]
[Input("result", "办理结果", InputType.Expression, Description = "可选：作为流程结果的表达式，如 ({ approved: true })；为空时取全部流程变量。")]
public sealed class End : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.EndWorkflow(context.EvaluateInput("result")));
}
