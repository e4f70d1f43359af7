using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("SelectionRanking", "排序遴选", ActivityCategories.Domain,
    Description = "按评审得分从高到低排序，在遴选名额内择优入选；未推荐、没有得分、低于分数线或被排除（如异议成立）的申报列在其后并注明原因。"
                  + "结果写入变量 selection，供审定、公示和导出使用。")]
[Input("applications", "申报列表", InputType.Expression, Required = true, Description = "申报窗口汇总的列表，如 vars.applications")]
[Input("count", "遴选名额", InputType.Number, Required = true, Description = "可写表达式，如 {\"expr\": \"form.selectCount\"}")]
[Input("scorePath", "得分位置", InputType.Text, Default = "\"expertReview.aggregate\"", Description = "每份申报办结结果中得分的位置")]
[Input("notePath", "未评审原因位置", InputType.Text, Default = "\"recommendation.note\"", Description = "没有得分的申报，其结果中说明原因的位置")]
[Input("minScore", "最低分数线", InputType.Number)]
[Input("exclude", "排除", InputType.Expression, Description = "得到 [{caseId, reason}] 的表达式，如自治区人社厅因异议成立而排除的申报：form.excluded")]
[Input("variable", "结果变量", InputType.Text, Default = "\"selection\"")]
[Outcome("done", "完成")]
public sealed class SelectionRanking : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var count = context.Number("count") is >= 0 and <= 10_000 and var n && n == Math.Floor(n)
            ? (int)n
            : throw new InvalidOperationException("遴选名额应为不小于 0 的整数。");
        var minScore = context.Number("minScore");
        var applications = context.EvaluateInput("applications") as JsonArray
                           ?? throw new InvalidOperationException("“申报列表”表达式没有得到数组。");
        var excluded = Exclusions(context);
        var scorePath = context.Text("scorePath") ?? "expertReview.aggregate";
        var notePath = context.Text("notePath") ?? "recommendation.note";

        var rows = applications.OfType<JsonObject>().Select(a => new Row(a, Score(a, scorePath))).ToList();
        var ranked = rows.Where(r => r.Score is not null && Text(r.Application, "status") != "cancelled"
                                     && !excluded.ContainsKey(Text(r.Application, "caseId") ?? ""))
            .OrderByDescending(r => r.Score)
            .ToList();
        var rest = rows.Except(ranked).ToList();
        var selection = new JsonArray();
        var selected = 0;
        foreach (var row in ranked)
        {
            var rank = selection.Count + 1;
            string? note = null;
            if (minScore is { } floor && row.Score < floor)
            {
                note = $"低于最低分数线 {Format(floor)} 分";
            }
            else if (selected >= count)
            {
                note = $"未进入遴选名额（名额 {count} 个）";
            }
            else
            {
                selected++;
            }

            selection.Add(Line(row, rank, note is null, note));
        }

        foreach (var row in rest)
        {
            var caseId = Text(row.Application, "caseId") ?? "";
            var note = excluded.TryGetValue(caseId, out var reason) ? $"已排除：{reason}"
                : Text(row.Application, "status") == "cancelled" ? "申报已撤销"
                : Text(Find(row.Application["output"], notePath)) ?? "没有评审得分";
            selection.Add(Line(row, selection.Count + 1, false, note));
        }

        context.SetVariable(context.Text("variable") ?? "selection", selection);
        context.Journal("selection-ranked", new JsonObject
        {
            ["count"] = count,
            ["minScore"] = minScore,
            ["applications"] = rows.Count,
            ["scored"] = ranked.Count,
            ["selected"] = selected,
            ["excluded"] = excluded.Count,
        });
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }

    public override IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition)
    {
        if (node.Inputs["count"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) is var count && (count < 0 || count != Math.Floor(count)))
        {
            yield return new DefinitionProblem(node.Id, "bad-selection", $"“{node.DisplayName}”：遴选名额应为不小于 0 的整数。");
        }
    }

    /// <summary>One line of the selection, in the shape the exports read.</summary>
    private static JsonObject Line(Row row, int rank, bool selected, string? note) => new()
    {
        ["rank"] = rank,
        ["caseId"] = Text(row.Application, "caseId"),
        ["orgId"] = Text(row.Application, "orgId"),
        ["orgName"] = Text(row.Application, "orgName"),
        ["cityId"] = Text(row.Application, "cityId"),
        ["cityName"] = Text(row.Application, "cityName"),
        ["title"] = Text(row.Application, "title"),
        ["score"] = row.Score,
        ["selected"] = selected,
        ["note"] = note,
    };

    /// <summary>Case ids the province excluded, with the reason of each.</summary>
    private static Dictionary<string, string> Exclusions(ActivityContext context)
    {
        var excluded = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!context.Node.Inputs.ContainsKey("exclude"))
        {
            return excluded;
        }

        foreach (var item in (context.EvaluateInput("exclude") as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(item, "caseId") is { } caseId)
            {
                excluded[caseId] = Text(item, "reason") ?? "自治区人社厅决定排除";
            }
        }

        return excluded;
    }

    private static double? Score(JsonObject application, string path) =>
        Find(application["output"], path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)
            : null;

    /// <summary>The node at a dotted path ("expertReview.aggregate"), or null.</summary>
    private static JsonNode? Find(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }

    private static string? Text(JsonNode? node, string name) => Text(node?[name]);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private sealed record Row(JsonObject Application, double? Score);
}
