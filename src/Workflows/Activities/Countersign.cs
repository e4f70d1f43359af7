using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("Countersign", "会签", ActivityCategories.Human, Blocking = true,
    Description = "多人审批：全部同意（会签）、任一同意（或签）、依次审批，或同意比例达到阈值。结果一旦确定，其余待办自动取消。")]
[Input("assignees", "会签人员", InputType.AssigneeList, Required = true)]
[Input("mode", "会签方式", InputType.Select, Default = "\"all\"", Options = ["all", "any", "sequential", "ratio"],
    Description = "all：全部同意；any：任一同意（或签）；sequential：依次审批；ratio：按比例")]
[Input("ratio", "通过比例", InputType.Text, Description = "ratio 方式下同意人数占比的下限，写分数（2/3）或两位小数（0.67）")]
[Input("title", "待办标题", InputType.Text)]
[Input(FieldAccess.InputName, "字段权限", InputType.FieldAccess, Description = FieldAccess.InputDescription)]
[Input("dueInWorkingDays", "办理时限（工作日）", InputType.Number)]
[Input("remindBeforeWorkingDays", "到期前提醒（工作日）", InputType.Number, Description = "到期前几个工作日提醒办理人；0 为不提醒，不填按系统设置")]
[Outcome("approve", "通过")]
[Outcome("reject", "不通过")]
public sealed class Countersign : Activity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var signers = AssigneeSpec.ParseList(context.Input("assignees"));
        if (signers.Count == 0)
        {
            throw new InvalidOperationException("会签人员为空。");
        }

        var mode = context.Text("mode") ?? "all";
        context.State.Clear();
        context.State["total"] = signers.Count;
        context.State["approvals"] = 0;
        context.State["rejections"] = 0;
        if (mode == "ratio")
        {
            context.State["ratio"] = ParseRatio(context.Text("ratio"));
        }

        if (mode == "sequential")
        {
            context.State["signers"] = context.Input("assignees");
            await SignAsync(context, signers[0], 0);
        }
        else
        {
            for (var i = 0; i < signers.Count; i++)
            {
                await SignAsync(context, signers[i], i);
            }
        }

        return ActivityResult.Wait;
    }

    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption)
    {
        HumanSteps.MergeSubmittedData(context, resumption);
        var total = context.State["total"]!.GetValue<int>();
        var approvals = context.State["approvals"]!.GetValue<int>() + (resumption.Outcome == "approve" ? 1 : 0);
        var rejections = context.State["rejections"]!.GetValue<int>() + (resumption.Outcome == "reject" ? 1 : 0);
        context.State["approvals"] = approvals;
        context.State["rejections"] = rejections;

        var mode = context.Text("mode") ?? "all";
        var decision = mode switch
        {
            "any" => approvals > 0 ? "approve" : rejections == total ? "reject" : null,
            "ratio" => Decide(approvals, rejections, total, context.State["ratio"]!.GetValue<double>()),
            _ => rejections > 0 ? "reject" : approvals == total ? "approve" : null,
        };

        if (decision is not null)
        {
            context.CancelOwnBookmarks();
            context.Journal("countersign-decided", new JsonObject
            {
                ["outcome"] = decision,
                ["approvals"] = approvals,
                ["rejections"] = rejections,
                ["total"] = total,
            });
            return ActivityResult.Done(decision);
        }

        if (mode == "sequential")
        {
            var next = approvals + rejections;
            await SignAsync(context, AssigneeSpec.ParseList(context.State["signers"])[next], next);
        }

        return ActivityResult.Wait;
    }

    public override IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition)
    {
        if (node.Inputs["mode"]?.ToString() == "ratio")
        {
            string? problem = null;
            try
            {
                ParseRatio(node.Inputs["ratio"]?.ToString());
            }
            catch (InvalidOperationException ex)
            {
                problem = ex.Message;
            }

            if (problem is not null)
            {
                yield return new DefinitionProblem(node.Id, "bad-ratio", $"“{node.DisplayName}”：{problem}");
            }
        }
    }

    /// <summary>Decides as soon as the outcome is certain: the threshold met, or no longer reachable.</summary>
    private static string? Decide(int approvals, int rejections, int total, double ratio)
    {
        if (approvals >= Needed(total, ratio))
        {
            return "approve";
        }

        return total - rejections < Needed(total, ratio) ? "reject" : null;
    }

    // 0.67 typed for two thirds must mean two of three: round to the signer count within half a percent.
    private static int Needed(int total, double ratio) => (int)Math.Ceiling((ratio * total) - (0.005 * total));

    private static double ParseRatio(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException("按比例会签需要填写通过比例。");
        }

        var parts = text.Split('/');
        var ok = parts.Length switch
        {
            1 => double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN,
            2 when double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                   && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && b > 0 => a / b,
            _ => double.NaN,
        };
        return ok is > 0 and <= 1 ? ok : throw new InvalidOperationException($"通过比例“{text}”应在 0 到 1 之间，如 2/3 或 0.67。");
    }

    private static ValueTask<BookmarkId> SignAsync(ActivityContext context, AssigneeSpec signer, int index) =>
        HumanSteps.CreateAsync(context, "countersign", signer, ["approve", "reject"], new JsonObject { ["index"] = index });
}
