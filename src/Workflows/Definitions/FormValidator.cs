// Checks submitted form data against a form of the definition, every problem at once, keyed by field name.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Approvals.Workflows.Definitions;

public static class FormValidator
{
    // Patterns come from process designers, not from the engine's authors: a bad one must not hang a request.
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Errors by field name ("field[row].column" for a table cell), each message naming the field's label; empty when
    /// the data is valid. With <paramref name="partial"/> only the fields present are checked (changes to a filed form).
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Validate(FormDefinition form, JsonObject? data, bool partial = false)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        CheckObject(form.Fields, data ?? [], partial, "", errors, name => $"表单中没有字段“{name}”。");
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void CheckObject(
        IReadOnlyList<FormField> fields, JsonObject data, bool partial, string prefix, Dictionary<string, List<string>> errors,
        Func<string, string> unknown)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            known.Add(field.Name);
            var present = data.TryGetPropertyValue(field.Name, out var value);
            var key = prefix + field.Name;
            if (IsBlank(value))
            {
                if (field.Required && (present || !partial))
                {
                    Add(errors, key, $"请填写“{field.Label}”。");
                }

                continue;
            }

            CheckValue(field, value!, key, errors);
        }

        foreach (var (name, _) in data)
        {
            if (!known.Contains(name))
            {
                Add(errors, prefix + name, unknown(name));
            }
        }
    }

    private static void CheckValue(FormField field, JsonNode value, string key, Dictionary<string, List<string>> errors)
    {
        var label = field.Label;
        switch (field.Type)
        {
            case "text" or "textarea":
                if (Text(value) is not { } text)
                {
                    Add(errors, key, $"“{label}”应为文字。");
                }
                else
                {
                    CheckText(field, text, key, errors);
                }

                break;
            case "number":
                if (value.GetValueKind() != JsonValueKind.Number)
                {
                    Add(errors, key, $"“{label}”应为数字。");
                }
                else
                {
                    CheckRange(field, double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture), key, errors);
                }

                break;
            case "date":
                if (Text(value) is not { } date
                    || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    Add(errors, key, $"“{label}”应为日期，格式如 2025-07-31。");
                }

                break;
            case "boolean":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    Add(errors, key, $"“{label}”应为“是”或“否”。");
                }

                break;
            case "select":
                if (Text(value) is not { } choice || !IsOption(field, choice))
                {
                    Add(errors, key, NotAnOption(field, label));
                }

                break;
            case "multiselect":
                if (value is not JsonArray choices || choices.Any(c => c is null || Text(c) is not { } s || !IsOption(field, s)))
                {
                    Add(errors, key, NotAnOption(field, label));
                }

                break;
            case "file":
                if (!IsAttachment(value) && (value is not JsonArray files || !files.All(f => f is not null && IsAttachment(f))))
                {
                    Add(errors, key, $"“{label}”应为上传的附件。");
                }

                break;
            case "table":
                CheckTable(field, value, key, errors);
                break;
        }
    }

    private static void CheckTable(FormField field, JsonNode value, string key, Dictionary<string, List<string>> errors)
    {
        if (value is not JsonArray rows)
        {
            Add(errors, key, $"“{field.Label}”应为表格（若干行）。");
            return;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not JsonObject row)
            {
                Add(errors, $"{key}[{i}]", $"“{field.Label}”第 {i + 1} 行格式不正确。");
                continue;
            }

            var rowNumber = i + 1;
            CheckObject(field.Columns ?? [], row, partial: false, $"{key}[{i}].", errors,
                column => $"“{field.Label}”第 {rowNumber} 行没有“{column}”这一列。");
        }
    }

    private static void CheckText(FormField field, string text, string key, Dictionary<string, List<string>> errors)
    {
        if (field.MaxLength is { } max && text.Length > max)
        {
            Add(errors, key, $"“{field.Label}”不能超过 {max} 个字。");
        }

        if (string.IsNullOrEmpty(field.Pattern))
        {
            return;
        }

        try
        {
            // Anchored like HTML's pattern attribute: the whole value must match, not a part of it.
            if (!Regex.IsMatch(text, $"^(?:{field.Pattern})$", RegexOptions.CultureInvariant, PatternTimeout))
            {
                Add(errors, key, $"“{field.Label}”的格式不正确。");
            }
        }
        catch (ArgumentException)
        {
            Add(errors, key, $"“{field.Label}”的格式规则有误，无法校验，请联系流程管理员。");
        }
        catch (RegexMatchTimeoutException)
        {
            Add(errors, key, $"“{field.Label}”的格式校验超时，请检查填写内容或联系流程管理员。");
        }
    }

    private static void CheckRange(FormField field, double number, string key, Dictionary<string, List<string>> errors)
    {
        if (field.Min is { } min && number < min)
        {
            Add(errors, key, $"“{field.Label}”不能小于 {min.ToString(CultureInfo.InvariantCulture)}。");
        }

        if (field.Max is { } max && number > max)
        {
            Add(errors, key, $"“{field.Label}”不能大于 {max.ToString(CultureInfo.InvariantCulture)}。");
        }
    }

    private static bool IsBlank(JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonValue v when v.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text),
        _ => false,
    };

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var messages))
        {
            errors[key] = messages = [];
        }

        messages.Add(message);
    }

    private static string? Text(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A list of a few options is named in the message; a reference list of hundreds is not.</summary>
    private static string NotAnOption(FormField field, string label) => field.OptionsFrom is null
        ? $"“{label}”只能从选项中选择：{string.Join("、", field.Options ?? [])}。"
        : $"“{label}”须从列表中选择，所填内容不在列表中或已停用。";

    private static bool IsOption(FormField field, string choice) => field.Options is null || field.Options.Contains(choice);

    private static bool IsAttachment(JsonNode value) => Text(value) is { } id && !string.IsNullOrWhiteSpace(id);
}
