// Seeds 000, 003 and 004 on quality schools (优质技工院校) as rules: the indicators a school assesses itself against
// when it applies, the long-term partner enterprise it must have, and the preference its cooperation with enterprises earns.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Approvals.Workflows.QualitySchools;

/// <summary>A row of the application's partner table: the enterprise, how many years the school has worked with it, and how.</summary>
public sealed record PartnerEnterprise(string Name, decimal Years, IReadOnlyList<string> Forms)
{
    public static PartnerEnterprise? FromRow(JsonNode? node) =>
        node is JsonObject row && row["name"] is JsonValue n && n.TryGetValue<string>(out var name) && !string.IsNullOrWhiteSpace(name)
            ? new PartnerEnterprise(
                name.Trim(),
                SelfAssessment.Number(row["years"]) ?? 0,
                row["forms"] is JsonArray forms ? [.. forms.Select(f => f?.ToString() ?? "").Where(f => f.Length > 0).Distinct(StringComparer.Ordinal)] : [])
            : null;
}

/// <summary>The standards of the indicators and of the cooperation preference; configuration a province may adjust.</summary>
public sealed record QualityStandards(
    decimal EmploymentRate, decimal LabourEducationHours, int IntegratedMajors, int TrainingBases, decimal LongTermYears, decimal PointsPerForm, decimal MaxBonus)
{
    /// <summary>The designer's default: 97% employment and 16 hours from the seeds; 3 years as "long-term" and the bonus are this system's reading.</summary>
    public const string DefaultJson =
        """{"employmentRate":97,"labourEducationHours":16,"integratedMajors":1,"trainingBases":1,"longTermYears":3,"pointsPerForm":1,"maxBonus":5}""";

    public static QualityStandards Default { get; } = Parse(JsonNode.Parse(DefaultJson));

    public static QualityStandards Parse(JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            throw new InvalidOperationException("遴选标准应为对象，如 " + DefaultJson + "。");
        }

        return new QualityStandards(
            Value(o, "employmentRate", "毕业生初次就业率", 0, 100),
            Value(o, "labourEducationHours", "专题教育学时", 0, 1000),
            (int)Whole(o, "integratedMajors", "一体化专业数"),
            (int)Whole(o, "trainingBases", "培训基地数"),
            Value(o, "longTermYears", "长期合作年限", 0, 100),
            Value(o, "pointsPerForm", "每种合作形式加分", 0, 100),
            Value(o, "maxBonus", "校企合作加分上限", 0, 100));
    }

    private static decimal Value(JsonObject o, string name, string label, decimal min, decimal max) =>
        SelfAssessment.Number(o[name]) is { } value && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"遴选标准中“{label}”（{name}）应为 {min} 到 {max} 之间的数字。");

    private static decimal Whole(JsonObject o, string name, string label) =>
        Value(o, name, label, 0, 1000) is var value && value == decimal.Floor(value)
            ? value
            : throw new InvalidOperationException($"遴选标准中“{label}”（{name}）应为整数。");
}

/// <summary>One indicator as the school reported it, against its standard, with the policy it comes from.</summary>
public sealed record IndicatorResult(string Name, decimal? Value, string Standard, bool Met, string Basis)
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name, ["value"] = Value, ["standard"] = Standard, ["met"] = Met, ["basis"] = Basis,
    };
}

public sealed record SelfAssessmentResult(
    IReadOnlyList<IndicatorResult> Indicators, IReadOnlyList<string> LongTermPartners, IReadOnlyList<string> CooperationForms, decimal Bonus, string BonusRule)
{
    public JsonObject ToJson() => new()
    {
        ["indicators"] = new JsonArray([.. Indicators.Select(i => (JsonNode)i.ToJson())]),
        ["met"] = Indicators.Count(i => i.Met),
        ["total"] = Indicators.Count,
        ["shortfalls"] = new JsonArray([.. Indicators.Where(i => !i.Met).Select(i => JsonValue.Create(i.Name))]),
        ["longTermPartners"] = new JsonArray([.. LongTermPartners.Select(p => JsonValue.Create(p))]),
        ["cooperation"] = new JsonObject
        {
            ["forms"] = new JsonArray([.. CooperationForms.Select(f => JsonValue.Create(f))]),
            ["bonus"] = Bonus,
            ["rule"] = BonusRule,
        },
    };
}

public static class SelfAssessment
{
    /// <summary>The form fields the rules read: numbers, and the partner table with columns name, years and forms.</summary>
    public const string Enrolment = "enrolment";
    public const string EmploymentRate = "employmentRate";
    public const string TrainingPerYear = "trainingPerYear";
    public const string LabourEducationHours = "labourEducationHours";
    public const string IntegratedMajors = "integratedMajors";
    public const string TrainingBases = "trainingBases";
    public const string Partners = "partners";

    public static readonly IReadOnlyList<string> NumberFields =
        [Enrolment, EmploymentRate, TrainingPerYear, LabourEducationHours, IntegratedMajors, TrainingBases];

    public const string PartnerRule = "辽人社发〔2022〕18号（二十）";
    public const string CooperationBasis = "辽人社发〔2022〕18号（二十）“对校企合作成效显著的院校，在培训基地、优质院校和优质专业建设等方面给予倾斜和支持”；人社部发〔2021〕86号 专栏3";

    /// <summary>The partners the school has worked with for at least the long-term years.</summary>
    public static IReadOnlyList<PartnerEnterprise> LongTermPartners(JsonObject form, QualityStandards standards) =>
        form[Partners] is JsonArray rows
            ? [.. rows.Select(PartnerEnterprise.FromRow).OfType<PartnerEnterprise>().Where(p => p.Years >= standards.LongTermYears)]
            : [];

    /// <summary>Why the form cannot be accepted: no long-term partner enterprise, which every technical school must have; null when it has one.</summary>
    public static string? MissingLongTermPartner(JsonObject form, QualityStandards standards) =>
        LongTermPartners(form, standards).Count > 0
            ? null
            : $"技工院校至少要拥有一个长期合作的企业（{PartnerRule}）：“合作企业”中应至少有一家合作满 {Format(standards.LongTermYears)} 年的企业。";

    public static SelfAssessmentResult Assess(JsonObject form, QualityStandards standards)
    {
        var enrolment = Number(form[Enrolment]);
        var training = Number(form[TrainingPerYear]);
        var longTerm = LongTermPartners(form, standards);
        IndicatorResult AtLeast(string name, string field, decimal standard, string unit, string basis)
        {
            var value = Number(form[field]);
            return new IndicatorResult(name, value, $"≥ {Format(standard)}{unit}", value >= standard, basis);
        }

        IndicatorResult[] indicators =
        [
            AtLeast("毕业生初次就业率", EmploymentRate, standards.EmploymentRate, "%", "内人社发〔2022〕91号（二）；辽人社发〔2022〕18号 发展目标"),
            new("年度职业培训规模", training, "不低于学制教育在校生人数" + (enrolment is { } e ? $"（{Format(e)} 人）" : ""),
                training is { } t && enrolment is { } n && t >= n, "内人社发〔2022〕91号（十三）"),
            AtLeast("劳模精神、劳动精神、工匠精神专题教育", LabourEducationHours, standards.LabourEducationHours, " 学时/学年", "内人社发〔2022〕91号（五）"),
            AtLeast("开展工学一体化教学的专业", IntegratedMajors, standards.IntegratedMajors, " 个", "内人社发〔2022〕91号（十八）；辽人社发〔2022〕18号 专栏6"),
            AtLeast("高技能人才培训基地、公共实训基地、技能大师工作室", TrainingBases, standards.TrainingBases, " 个", "辽人社发〔2022〕18号 专栏6；人社部发〔2021〕86号 专栏2"),
            new("长期合作企业", longTerm.Count, $"至少 1 家合作满 {Format(standards.LongTermYears)} 年", longTerm.Count > 0, PartnerRule),
        ];

        var forms = longTerm.SelectMany(p => p.Forms).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var earned = forms.Length * standards.PointsPerForm;
        var bonus = Math.Min(earned, standards.MaxBonus);
        var rule = forms.Length == 0
            ? "长期合作企业未开展所列合作形式，不加分"
            : $"长期合作企业开展{string.Join("、", forms)}共 {forms.Length} 种合作形式 × {Format(standards.PointsPerForm)} 分"
              + (bonus < earned ? $" = {Format(earned)} 分，按上限 {Format(standards.MaxBonus)} 分" : $" = {Format(bonus)} 分");
        return new SelfAssessmentResult(indicators, [.. longTerm.Select(p => p.Name)], forms, bonus, rule);
    }

    /// <summary>A JSON number however it was made: parsed from text, or set from an int, a double or a decimal in code.</summary>
    internal static decimal? Number(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
