// Reading the JSON a process step wrote into a variable, leniently: a designer-built process may leave a field out.
using System.Globalization;
using System.Text.Json.Nodes;

namespace Approvals.Host.Features.Exports;

internal static class VariableValues
{
    /// <summary>A string, number or boolean as text; "" when missing or not a single value.</summary>
    public static string Text(JsonNode? node) => node is JsonValue value ? value.ToString() : "";

    /// <summary>A string or null.</summary>
    public static string? OptionalText(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    /// <summary>Any JSON number (parsed from text or set from code), exactly; null when missing or not a number.</summary>
    public static decimal? Number(JsonNode? node) =>
        node is JsonValue value && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>A whole number that fits an int; null otherwise.</summary>
    public static int? Whole(JsonNode? node) =>
        Number(node) is { } number && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    public static bool Flag(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
