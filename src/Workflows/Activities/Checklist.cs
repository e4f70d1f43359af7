// Evaluation against a standard item by item (the city's assessment of a new major against the major-setting
// standard): a verdict per item, recorded in a variable and the journal; no approval over an item that fails.
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

internal static class Checklist
{
    public const string Fails = "不符合";

    public static readonly string[] Verdicts = ["符合", "基本符合", Fails];

    /// <summary>The node's checklist items, or null when it has none or they are not a list of distinct texts.</summary>
    public static IReadOnlyList<string>? ItemsOf(NodeDefinition node)
    {
        if (node.Inputs["checklist"] is not JsonArray array || array.Count == 0)
        {
            return null;
        }

        var items = array.Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null)
            .OfType<string>().ToArray();
        return items.Length != array.Count || items.Distinct(StringComparer.Ordinal).Count() != items.Length ? null : items;
    }

    /// <summary>
    /// An approval needs a verdict on every item and none failing; a return or refusal may carry verdicts, which are
    /// then checked the same way.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Check(IReadOnlyList<string> items, string outcome, JsonNode? submitted)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (submitted is null)
        {
            if (outcome == "approve")
            {
                errors["data.checklist"] = [$"请逐项给出评估结论：{string.Join("、", items)}。"];
            }

            return errors;
        }

        if (Parse(submitted) is not { } verdicts)
        {
            errors["data.checklist"] = ["评估结论应为列表，每项包含 item（评估项目）、verdict（结论）和可选的 note（说明）。"];
            return errors;
        }

        var unknown = verdicts.Keys.Except(items).ToArray();
        if (unknown.Length > 0)
        {
            errors["data.checklist"] = [$"评估项目“{string.Join("、", unknown)}”不在核查清单中。"];
        }

        foreach (var (item, i) in items.Select((item, i) => (item, i)))
        {
            var key = $"data.checklist[{i}]";
            if (!verdicts.TryGetValue(item, out var verdict))
            {
                errors[key] = [$"请对“{item}”给出评估结论。"];
            }
            else if (!Verdicts.Contains(verdict.Verdict))
            {
                errors[key] = [$"“{item}”的结论只能是：{string.Join("、", Verdicts)}。"];
            }
            else if (outcome == "approve" && verdict.Verdict == Fails)
            {
                errors[key] = [$"“{item}”不符合标准，不能同意；请退回修改或不予通过。"];
            }
        }

        return errors;
    }

    /// <summary>The verdicts go into the node's result variable and the journal, with the outcome they led to.</summary>
    public static void Record(ActivityContext context, Resumption resumption)
    {
        if (resumption.Payload["data"]?["checklist"] is not { } submitted || Parse(submitted) is not { } verdicts)
        {
            return;
        }

        var items = ItemsOf(context.Node) ?? [];
        var result = new JsonObject
        {
            ["outcome"] = resumption.Outcome,
            ["by"] = resumption.Actor,
            ["items"] = new JsonArray([.. items.Select(item => (JsonNode)new JsonObject
            {
                ["item"] = item, ["verdict"] = verdicts[item].Verdict, ["note"] = verdicts[item].Note,
            })]),
        };
        context.SetVariable(context.Text("checklistVariable") ?? "evaluation", result);
        context.Journal("checklist-evaluated", result.DeepClone().AsObject());
    }

    private static Dictionary<string, (string Verdict, string? Note)>? Parse(JsonNode submitted)
    {
        if (submitted is not JsonArray rows)
        {
            return null;
        }

        var verdicts = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row is not JsonObject o || Text(o, "item") is not { } item || Text(o, "verdict") is not { } verdict)
            {
                return null;
            }

            verdicts[item] = (verdict, Text(o, "note"));
        }

        return verdicts;
    }

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
