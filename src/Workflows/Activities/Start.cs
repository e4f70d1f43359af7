using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("Start", "开始", ActivityCategories.Basic, Description = "流程的起点：申请人提交表单后从这里开始。")]
[Input("form", "申请表单", InputType.Text, Description = "定义中 forms 的标识，申请人发起时填写。", Default = "\"start\"")]
[Outcome("done", "提交")]
public sealed class Start : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Done("done"));
}
