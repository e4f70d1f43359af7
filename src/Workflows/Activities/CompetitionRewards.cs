using System.Text.Json.Nodes;
using Approvals.Workflows.Rewards;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("CompetitionRewards", "技能大赛奖励核算", ActivityCategories.Domain,
    Description = "按获奖名单和奖励标准核算每名获奖师生、指导教师的奖励金额（同一年度同一赛项只按最高奖项奖励一次），结果写入流程变量。")]
[Input("winners", "获奖名单", InputType.Text, Required = true,
    Description = "表单中获奖名单表格的字段名，或返回该表格的表达式 {\"expr\": \"form.winners\"}")]
[Input("rewardTable", "奖励标准", InputType.Json, Default = RewardTable.DefaultJson,
    Description = "各级别（全国、全省、全市）各等次金额，行业协会、学会等举办竞赛的减半系数和举办单位类型，可按本市财力调整")]
[Input("variable", "结果变量", InputType.Text, Required = true, Editor = "variable", Description = "核算结果（明细 lines 与合计 totals）写入的变量")]
[Outcome("done", "完成")]
public sealed class CompetitionRewards : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var rows = context.Input("winners") switch
        {
            JsonArray table => table,
            JsonValue field when field.TryGetValue<string>(out var name) => context.Form[name] as JsonArray
                ?? throw new InvalidOperationException($"表单字段“{name}”不是获奖名单表格。"),
            _ => throw new InvalidOperationException("“获奖名单”应为表单字段名或返回表格的表达式。"),
        };
        var variable = context.Text("variable") ?? throw new InvalidOperationException("未指定结果变量。");

        var result = RewardCalculator.Calculate(rows.Select(CompetitionEntry.FromRow), RewardTable.Parse(context.Input("rewardTable")));
        context.SetVariable(variable, result.ToJson());
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}
