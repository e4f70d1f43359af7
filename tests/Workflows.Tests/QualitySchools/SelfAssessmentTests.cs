using System.Text.Json.Nodes;
using Approvals.Workflows.QualitySchools;

namespace Approvals.Workflows.Tests.QualitySchools;

/// <summary>The quality-school indicators of seeds 000, 003 and 004, the long-term partner rule and the cooperation preference.</summary>
public sealed class SelfAssessmentTests
{
    [Fact]
    public void Assess_EveryIndicatorMet_ListsEachWithItsStandardAndBasis()
    {
        var result = SelfAssessment.Assess(Form(Partner("内蒙古第一机械集团", 5, "订单培养")), QualityStandards.Default);

        Assert.Equal(
            ["毕业生初次就业率", "年度职业培训规模", "劳模精神、劳动精神、工匠精神专题教育", "开展工学一体化教学的专业",
             "高技能人才培训基地、公共实训基地、技能大师工作室", "长期合作企业"],
            result.Indicators.Select(i => i.Name));
        Assert.All(result.Indicators, i => Assert.True(i.Met, i.Name));
        Assert.All(result.Indicators, i => Assert.Matches("〔202[12]〕", i.Basis));
        Assert.Equal("≥ 97%", result.Indicators[0].Standard);
        Assert.Equal("不低于学制教育在校生人数（1200 人）", result.Indicators[1].Standard);
        Assert.Equal("≥ 16 学时/学年", result.Indicators[2].Standard);
        var json = result.ToJson();
        Assert.Equal((6, 6), (json["met"]!.GetValue<int>(), json["total"]!.GetValue<int>()));
        Assert.Empty(json["shortfalls"]!.AsArray());
    }

    [Fact]
    public void Assess_BelowTheStandards_NamesEveryShortfall()
    {
        var form = Form(Partner("包钢集团", 3));
        form["employmentRate"] = 96.5;
        form["trainingPerYear"] = 1199;
        form["labourEducationHours"] = 15;
        form["integratedMajors"] = 0;
        form["trainingBases"] = 0;

        var json = SelfAssessment.Assess(form, QualityStandards.Default).ToJson();

        Assert.Equal(
            ["毕业生初次就业率", "年度职业培训规模", "劳模精神、劳动精神、工匠精神专题教育", "开展工学一体化教学的专业", "高技能人才培训基地、公共实训基地、技能大师工作室"],
            json["shortfalls"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(1, json["met"]!.GetValue<int>());
        Assert.Equal(96.5m, json["indicators"]![0]!["value"]!.GetValue<decimal>());
    }

    [Fact]
    public void MissingLongTermPartner_OnlyShortPartnerships_RefusesNamingTheRuleAndTheYears()
    {
        var message = SelfAssessment.MissingLongTermPartner(Form(Partner("新办企业", 2.9m, "订单培养"), Partner("另一家", 1)), QualityStandards.Default);

        Assert.Equal("技工院校至少要拥有一个长期合作的企业（辽人社发〔2022〕18号（二十））：“合作企业”中应至少有一家合作满 3 年的企业。", message);
        Assert.NotNull(SelfAssessment.MissingLongTermPartner([], QualityStandards.Default));
    }

    [Fact]
    public void MissingLongTermPartner_ExactlyTheLongTermYears_IsAccepted()
    {
        Assert.Null(SelfAssessment.MissingLongTermPartner(Form(Partner("包钢集团", 3)), QualityStandards.Default));
    }

    [Fact]
    public void MissingLongTermPartner_ProvinceAsksFiveYears_ThreeYearsNoLongerCount()
    {
        var standards = QualityStandards.Default with { LongTermYears = 5 };

        var message = SelfAssessment.MissingLongTermPartner(Form(Partner("包钢集团", 3)), standards);

        Assert.Contains("合作满 5 年", message);
    }

    [Fact]
    public void Assess_Cooperation_CountsEachFormOnceAndOnlyWithLongTermPartners()
    {
        var form = Form(
            Partner("内蒙古第一机械集团", 8, "订单培养", "共建产业学院"),
            Partner("包钢集团", 4, "订单培养", "共建技能大师工作室"),
            Partner("新办企业", 1, "冠名培养", "企业新型学徒制"));

        var result = SelfAssessment.Assess(form, QualityStandards.Default);

        Assert.Equal(["共建产业学院", "共建技能大师工作室", "订单培养"], result.CooperationForms);
        Assert.Equal(3, result.Bonus);
        Assert.Equal("长期合作企业开展共建产业学院、共建技能大师工作室、订单培养共 3 种合作形式 × 1 分 = 3 分", result.BonusRule);
        Assert.Equal(["内蒙古第一机械集团", "包钢集团"], result.LongTermPartners);
    }

    [Fact]
    public void Assess_MoreFormsThanTheCap_IsCappedAndSaysSo()
    {
        var form = Form(Partner("内蒙古第一机械集团", 10, "冠名培养", "订单培养", "共建产业学院", "共建技能大师工作室", "共建实习实训基地", "企业新型学徒制"));

        var result = SelfAssessment.Assess(form, QualityStandards.Default);

        Assert.Equal(5, result.Bonus);
        Assert.EndsWith("共 6 种合作形式 × 1 分 = 6 分，按上限 5 分", result.BonusRule);
    }

    [Fact]
    public void Assess_NoCooperationForm_NoBonus()
    {
        var result = SelfAssessment.Assess(Form(Partner("包钢集团", 3)), QualityStandards.Default);

        Assert.Equal(0, result.Bonus);
        Assert.Equal("长期合作企业未开展所列合作形式，不加分", result.BonusRule);
    }

    [Theory]
    [InlineData("""{"employmentRate":101,"labourEducationHours":16,"integratedMajors":1,"trainingBases":1,"longTermYears":3,"pointsPerForm":1,"maxBonus":5}""", "毕业生初次就业率")]
    [InlineData("""{"employmentRate":97,"labourEducationHours":16,"integratedMajors":1.5,"trainingBases":1,"longTermYears":3,"pointsPerForm":1,"maxBonus":5}""", "一体化专业数")]
    [InlineData("""{"employmentRate":97,"labourEducationHours":16,"integratedMajors":1,"trainingBases":1,"pointsPerForm":1,"maxBonus":5}""", "长期合作年限")]
    [InlineData("[1, 2]", "遴选标准应为对象")]
    public void Parse_BadStandards_SaysWhichInChinese(string json, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => QualityStandards.Parse(JsonNode.Parse(json)));

        Assert.Contains(named, error.Message);
    }

    internal static JsonObject Form(params JsonObject[] partners) => new()
    {
        ["enrolment"] = 1200,
        ["employmentRate"] = 98.2,
        ["trainingPerYear"] = 3500,
        ["labourEducationHours"] = 16,
        ["integratedMajors"] = 4,
        ["trainingBases"] = 2,
        ["partners"] = new JsonArray([.. partners]),
        ["plan"] = "建设国家级高技能人才培训基地",
    };

    internal static JsonObject Partner(string name, decimal years, params string[] forms) => new()
    {
        ["name"] = name, ["years"] = years, ["forms"] = new JsonArray([.. forms.Select(f => JsonValue.Create(f))]),
    };
}
