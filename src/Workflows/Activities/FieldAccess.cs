// 字段权限: what the person at a human step may do with each field of the applicant's form — change it (可编辑),
// read it (只读) or not see it at all (隐藏, as in a blind expert review). A step that declares no permissions leaves
// every field as it was: readable, and changeable by the decision's data. Once a step declares any, the fields it does
// not name are read-only there.
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Activities;

public static class FieldAccess
{
    public const string InputName = "fieldAccess";

    public const string InputDescription =
        "本环节办理人对申请表各字段的权限：editable 可编辑、readonly 只读、hidden 隐藏（如不让评审专家看到申报单位的联系方式）；未列出的字段只读。不填则不限制";

    public const string Editable = "editable";
    public const string ReadOnly = "readonly";
    public const string Hidden = "hidden";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Editable] = "可编辑",
        [ReadOnly] = "只读",
        [Hidden] = "隐藏",
    };

    /// <summary>The step's declared permissions by field name; null when it declares none.</summary>
    public static IReadOnlyDictionary<string, string>? Of(NodeDefinition node)
    {
        if (node.Inputs[InputName] is not JsonObject declared)
        {
            return null;
        }

        var access = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in declared)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var level) && Names.ContainsKey(level))
            {
                access[field] = level;
            }
        }

        return access;
    }

    /// <summary>The fields hidden from whoever works at the step.</summary>
    public static IReadOnlySet<string> HiddenAt(NodeDefinition node) =>
        Of(node) is { } access ? access.Where(a => a.Value == Hidden).Select(a => a.Key).ToHashSet(StringComparer.Ordinal) : [];

    /// <summary>A field error for each changed field the step does not let its person change.</summary>
    public static IReadOnlyDictionary<string, string[]> CheckChanges(NodeDefinition node, FormDefinition? form, JsonObject changes)
    {
        if (Of(node) is not { } access)
        {
            return new Dictionary<string, string[]>();
        }

        return changes.Where(c => access.GetValueOrDefault(c.Key) != Editable)
            .ToDictionary(
                c => "form." + c.Key,
                c => new[] { $"“{node.DisplayName}”不能修改“{form?.Fields.FirstOrDefault(f => f.Name == c.Key)?.Label ?? c.Key}”。" },
                StringComparer.Ordinal);
    }

    /// <summary>The declaration names fields of the start form, each with one of the three permissions.</summary>
    public static IEnumerable<DefinitionProblem> Validate(NodeDefinition node, JsonNode? value, FormDefinition? form)
    {
        if (value is not JsonObject declared)
        {
            yield return new(node.Id, "bad-field-access", $"“{node.DisplayName}”的字段权限应为“字段: 权限”的对应表。");
            yield break;
        }

        foreach (var (field, level) in declared)
        {
            if (form?.Fields.Any(f => f.Name == field) != true)
            {
                yield return new(node.Id, "unknown-field", $"“{node.DisplayName}”的字段权限中，申请表没有字段“{field}”。");
            }
            else if (level is not JsonValue v || !v.TryGetValue<string>(out var text) || !Names.ContainsKey(text))
            {
                yield return new(node.Id, "bad-field-access",
                    $"“{node.DisplayName}”中字段“{field}”的权限只能是 {string.Join("、", Names.Keys)}（{string.Join("、", Names.Values)}）之一。");
            }
        }
    }
}
