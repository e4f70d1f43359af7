using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("UserTask", "办理", ActivityCategories.Human, Blocking = true, Description = "交给一个人或一个单位的某个角色办理，办理结果决定去向。")]
[Input("assignee", "办理人", InputType.Assignee, Required = true)]
[Input("outcomes", "办理结果", InputType.StringList, Default = "[\"done\"]", Description = "可选的办理结果，每个结果一条出口连线")]
[Input(OutcomeNames.Input, "办理结果名称", InputType.Json, Description = OutcomeNames.Description)]
[Input("title", "待办标题", InputType.Text)]
[Input(FieldAccess.InputName, "字段权限", InputType.FieldAccess, Description = FieldAccess.InputDescription)]
[Input("dueInWorkingDays", "办理时限（工作日）", InputType.Number)]
[Input("remindBeforeWorkingDays", "到期前提醒（工作日）", InputType.Number, Description = "到期前几个工作日提醒办理人；0 为不提醒，不填按系统设置")]
[Outcome("done", "办结")]
public sealed class UserTask : Activity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var assignee = AssigneeSpec.Parse(context.Input("assignee"));
        await HumanSteps.CreateAsync(context, "task", assignee, context.Strings("outcomes"));
        return ActivityResult.Wait;
    }

    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption)
    {
        HumanSteps.MergeSubmittedData(context, resumption);
        return ValueTask.FromResult(ActivityResult.Done(resumption.Outcome ?? "done"));
    }

    public override IReadOnlyList<string> OutcomesOf(NodeDefinition node) =>
        node.Inputs["outcomes"] is System.Text.Json.Nodes.JsonArray outcomes
            ? outcomes.Select(o => o?.ToString() ?? "").Where(o => o.Length > 0).ToArray()
            : ["done"];

    public override IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition) =>
        OutcomeNames.Validate(node, OutcomesOf(node));
}
