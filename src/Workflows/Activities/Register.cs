using System.Text.Json.Nodes;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("Register", "登记", ActivityCategories.Domain,
    Description = "把办理结果登记为单位的长期记录（如学校已备案的专业及其预警、退出状态），案件结束后仍可查询；同一单位同一编号只有一条记录，再次登记更新其状态，变更记入日志。")]
[Input("collection", "登记簿", InputType.Text, Required = true, Description = "如 school-majors（学校专业目录）")]
[Input("org", "单位", InputType.Expression, Description = "登记到哪个单位，如 form.schoolId；不填为申请单位")]
[Input("key", "编号", InputType.Expression, Required = true, Description = "记录在该单位内的编号，如 form.majorCode")]
[Input("name", "名称", InputType.Expression, Required = true, Description = "如 form.majorName")]
[Input("status", "状态", InputType.Text, Required = true, Description = "如 active（在办）、warning（预警）、withdrawn（已退出）")]
[Input("data", "附加信息", InputType.Expression, Description = "返回对象的表达式，随记录保存，如 ({ plannedEnrolment: form.plannedEnrolment })")]
[Outcome("done", "完成")]
public sealed class Register : Activity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var collection = context.Text("collection") ?? throw new InvalidOperationException("未指定登记簿。");
        var status = context.Text("status") ?? throw new InvalidOperationException("未指定登记状态。");
        var org = context.Node.Inputs.ContainsKey("org") ? Required(context, "org", "单位") : context.InitiatorOrgId
                  ?? throw new InvalidOperationException("申请人没有所属单位，无法登记。");
        var key = Required(context, "key", "编号");
        var name = Required(context, "name", "名称");
        var data = context.Node.Inputs.ContainsKey("data")
            ? context.EvaluateInput("data") as JsonObject ?? throw new InvalidOperationException("“附加信息”表达式没有得到对象。")
            : [];

        var old = await context.RegisterAsync(new RegistryEntry(collection, org, key, name, status, data));
        context.Journal("registered", new JsonObject
        {
            ["collection"] = collection, ["orgId"] = org, ["key"] = key, ["name"] = name, ["oldStatus"] = old, ["status"] = status,
        });
        return ActivityResult.Done("done");
    }

    private static string Required(ActivityContext context, string input, string label) =>
        context.EvaluateInput(input) switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) => s.Trim(),
            JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"登记的“{label}”表达式没有得到内容。"),
        };
}
