using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("Approval", "审批", ActivityCategories.Human, Blocking = true,
    Description = "一人审批：同意、不同意，或退回修改（退回申请人，或退回本流程已办理过的环节）。")]
[Input("assignee", "审批人", InputType.Assignee, Required = true)]
[Input("title", "待办标题", InputType.Text)]
[Input("dueInWorkingDays", "办理时限（工作日）", InputType.Number)]
[Input("remindBeforeWorkingDays", "到期前提醒（工作日）", InputType.Number, Description = "到期前几个工作日提醒办理人；0 为不提醒，不填按系统设置")]
[Input("resubmitTo", "重新提交后", InputType.Select, Default = "\"returner\"", Options = ["returner", "start"],
    Description = "returner：回到退回的环节重新审批；start：从头开始审批")]
[Outcome("approve", "同意")]
[Outcome("reject", "不同意")]
[Outcome("return", "退回修改")]
public sealed class Approval : Activity
{
    public const string Applicant = HumanSteps.Applicant;

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var assignee = AssigneeSpec.Parse(context.Input("assignee"));
        await HumanSteps.CreateAsync(context, "approval", assignee, ["approve", "reject", "return"]);
        return ActivityResult.Wait;
    }

    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption)
    {
        HumanSteps.MergeSubmittedData(context, resumption);
        if (HumanSteps.IsResubmission(resumption))
        {
            return HumanSteps.Resubmitted(context, resumption, context.Text("resubmitTo") == "start");
        }

        switch (resumption.Outcome)
        {
            case "approve":
                return ActivityResult.Done("approve");
            case "reject":
                return ActivityResult.Done("reject");
            case "return" when context.Definition.EdgesFrom(context.Node.Id, "return").Any():
                // The designer drew where a return goes; follow the drawing.
                return ActivityResult.Done("return");
            case "return":
                return await HumanSteps.ReturnAsync(context, resumption);
            default:
                throw new InvalidOperationException($"审批结果“{resumption.Outcome}”无法识别。");
        }
    }
}
