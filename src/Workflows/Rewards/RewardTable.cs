// The amounts of seed 002 §(七) as configuration: the city may adjust them to its means without a code change.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Approvals.Workflows.Rewards;

/// <summary>Yuan per competition level (全国, 全省, 全市) and rank (1, 2, 3), and the factor for association-run contests.</summary>
public sealed record RewardTable(
    IReadOnlyDictionary<string, IReadOnlyDictionary<int, decimal>> Amounts, decimal HalfFactor, IReadOnlyList<string> HalfOrganisers)
{
    /// <summary>The designer's default: the seed's figures, as the JSON an administrator edits.</summary>
    public const string DefaultJson =
        """{"amounts":{"全国":{"1":20000,"2":15000,"3":12000},"全省":{"1":10000,"2":8000,"3":5000},"全市":{"1":3000,"2":2000,"3":1000}},"halfFactor":0.5,"halfOrganisers":["国际行业组织","行业协会","学会"]}""";

    public static RewardTable Default { get; } = Parse(JsonNode.Parse(DefaultJson));

    public static RewardTable Parse(JsonNode? node)
    {
        if (node is not JsonObject table || table["amounts"] is not JsonObject levels)
        {
            throw new InvalidOperationException("奖励标准应为对象，含 amounts（各级别各等次金额）、halfFactor 和 halfOrganisers。");
        }

        var amounts = new Dictionary<string, IReadOnlyDictionary<int, decimal>>(StringComparer.Ordinal);
        foreach (var (level, ranks) in levels)
        {
            if (ranks is not JsonObject byRank)
            {
                throw new InvalidOperationException($"奖励标准中“{level}”应为各等次金额，如 {{\"1\": 20000}}。");
            }

            amounts[level] = byRank.ToDictionary(
                r => int.TryParse(r.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var rank) && rank > 0
                    ? rank
                    : throw new InvalidOperationException($"奖励标准中“{level}”的等次“{r.Key}”应为正整数。"),
                r => Money(r.Value, $"{level}{r.Key}等奖"));
        }

        var factor = table["halfFactor"] is null ? 0.5m : Money(table["halfFactor"], "减半系数");
        var organisers = table["halfOrganisers"] is JsonArray list
            ? list.Select(o => o?.ToString() ?? "").Where(o => o.Length > 0).ToArray()
            : [];
        return new RewardTable(amounts, factor, organisers);
    }

    /// <summary>A JSON number however it was made: parsed from text, or set from an int, a double or a decimal in code.</summary>
    internal static decimal? Number(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static decimal Money(JsonNode? value, string what) =>
        Number(value) is { } amount && amount >= 0
            ? amount
            : throw new InvalidOperationException($"奖励标准中“{what}”应为不小于 0 的数字。");
}
