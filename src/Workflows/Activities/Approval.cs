using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("Approval", "审批", ActivityCategories.Human, Blocking = true,
    Description = "一人审批：同意、不同意，或退回修改（退回申请人，或退回本流程已办理过的环节）。")]
[Input("assignee", "审批人", InputType.Assignee, Required = true)]
[Input("title", "待办标题", InputType.Text)]
[Input(FieldAccess.InputName, "字段权限", InputType.FieldAccess, Description = FieldAccess.InputDescription)]
[Input("dueInWorkingDays", "办理时限（工作日）", InputType.Number)]
[Input("remindBeforeWorkingDays", "到期前提醒（工作日）", InputType.Number, Description = "到期前几个工作日提醒办理人；0 为不提醒，不填按系统设置")]
[Input("resubmitTo", "重新提交后", InputType.Select, Default = "\"returner\"", Options = ["returner", "start"],
    Description = "returner：回到退回的环节重新审批；start：从头开始审批")]
[Input("checklist", "核查清单", InputType.Json,
    Description = "按标准逐项评估时填写，如 [\"师资队伍\", \"实训条件\"]；审批人须对每一项给出“符合”“基本符合”或“不符合”，有不符合项时不能同意")]
[Input("checklistVariable", "核查结果变量", InputType.Text, Default = "\"evaluation\"")]
[Outcome("approve", "同意")]
[Outcome("reject", "不同意")]
[Outcome("return", "退回修改")]
public sealed class Approval : Activity
{
    public const string Applicant = HumanSteps.Applicant;

    /// <summary>The task of a step with a checklist: what the reviewer submits is the verdicts, not the applicant's form.</summary>
    public const string EvaluationTaskKind = "evaluation";

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var assignee = AssigneeSpec.Parse(context.Input("assignee"));
        var kind = Checklist.ItemsOf(context.Node) is null ? "approval" : EvaluationTaskKind;
        await HumanSteps.CreateAsync(context, kind, assignee, ["approve", "reject", "return"]);
        return ActivityResult.Wait;
    }

    public override bool SubmitsFormData(string taskKind) => taskKind != EvaluationTaskKind;

    public override IReadOnlyDictionary<string, string[]> CheckSubmission(TaskSubmission submission) =>
        submission.TaskKind == EvaluationTaskKind && Checklist.ItemsOf(submission.Node) is { } items
            ? Checklist.Check(items, submission.Decision.Outcome, submission.Decision.Data?["checklist"])
            : base.CheckSubmission(submission);

    public override IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition) =>
        node.Inputs.ContainsKey("checklist") && Checklist.ItemsOf(node) is null
            ? [new DefinitionProblem(node.Id, "bad-checklist", "“核查清单”应为不重复、非空的文字列表。")]
            : [];

    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption)
    {
        if (resumption.Data["taskKind"]?.ToString() == EvaluationTaskKind)
        {
            Checklist.Record(context, resumption);
        }
        else
        {
            HumanSteps.MergeSubmittedData(context, resumption);
        }

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
