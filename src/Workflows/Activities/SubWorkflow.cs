using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("SubWorkflow", "子流程", ActivityCategories.Flow, Blocking = true,
    Description = "为列表中的每一项启动一个子流程（如每个学校一份申报），全部结束后汇总各自的结果继续。")]
[Input("definition", "子流程定义", InputType.Text, Required = true, Editor = "definition")]
[Input("items", "列表", InputType.Expression, Required = true,
    Description = "如 form.schools；每项在子流程中以变量 item 可见，其 form、title、initiatorUserId、initiatorOrgId 分别为子流程的表单、标题和申请人")]
[Input("itemVariable", "子流程变量名", InputType.Text, Default = "\"item\"")]
[Input("resultVariable", "结果变量", InputType.Text, Default = "\"results\"", Description = "各子流程结果按列表顺序写入此变量")]
[Outcome("done", "全部完成")]
public sealed class SubWorkflow : Activity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var definitionId = context.Text("definition") ?? throw new InvalidOperationException("未指定子流程。");
        var items = context.EvaluateInput("items") as JsonArray
                    ?? throw new InvalidOperationException("子流程的“列表”表达式没有得到数组。");
        var itemVariable = context.Text("itemVariable") ?? "item";
        if (items.Count == 0)
        {
            context.SetVariable(context.Text("resultVariable") ?? "results", new JsonArray());
            return ActivityResult.Done("done");
        }

        context.State.Clear();
        context.State["total"] = items.Count;
        context.State["completed"] = 0;
        context.State["results"] = new JsonArray([.. items.Select(_ => (JsonNode?)null)]);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var variables = new JsonObject { [itemVariable] = item?.DeepClone(), ["index"] = i };
            await context.StartChildAsync(definitionId, variables, item?["form"] as JsonObject, i,
                item?["initiatorUserId"]?.ToString(), item?["initiatorOrgId"]?.ToString(), item?["title"]?.ToString());
        }

        return ActivityResult.Wait;
    }

    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption)
    {
        var index = resumption.Data["index"]!.GetValue<int>();
        var results = (JsonArray)context.State["results"]!;
        results[index] = new JsonObject
        {
            ["childId"] = resumption.Payload["childId"]?.DeepClone(),
            ["status"] = resumption.Payload["status"]?.DeepClone(),
            ["output"] = resumption.Payload["output"]?.DeepClone(),
        };
        var completed = context.State["completed"]!.GetValue<int>() + 1;
        context.State["completed"] = completed;
        if (completed < context.State["total"]!.GetValue<int>())
        {
            return ValueTask.FromResult(ActivityResult.Wait);
        }

        context.SetVariable(context.Text("resultVariable") ?? "results", results.DeepClone());
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }
}
