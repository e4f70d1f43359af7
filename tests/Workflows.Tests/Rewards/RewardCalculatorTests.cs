using System.Text.Json.Nodes;
using Approvals.Workflows.Rewards;

namespace Approvals.Workflows.Tests.Rewards;

public sealed class RewardCalculatorTests
{
    [Theory]
    [InlineData("全国", 1, 20000, "全国一等奖 20000 元")]
    [InlineData("全国", 2, 15000, "全国二等奖 15000 元")]
    [InlineData("全国", 3, 12000, "全国三等奖 12000 元")]
    [InlineData("全省", 1, 10000, "全省一等奖 10000 元")]
    [InlineData("全省", 2, 8000, "全省二等奖 8000 元")]
    [InlineData("全省", 3, 5000, "全省三等奖 5000 元")]
    [InlineData("全市", 1, 3000, "全市一等奖 3000 元")]
    [InlineData("全市", 2, 2000, "全市二等奖 2000 元")]
    [InlineData("全市", 3, 1000, "全市三等奖 1000 元")]
    public void Calculate_EachCellOfTheSeedTable_PaysItsAmount(string level, int rank, int amount, string rule)
    {
        var result = Calculate(Win("张三", level: level, rank: rank));

        var line = Assert.Single(result.Lines);
        Assert.Equal((amount, rule, (string?)null), ((int)line.Amount, line.Rule, line.Excluded));
        Assert.Equal(amount, result.Total);
    }

    [Theory]
    [InlineData("全国", 1, 10000)]
    [InlineData("全省", 2, 4000)]
    [InlineData("全市", 3, 500)]
    public void Calculate_AssociationContest_PaysHalfTheMatchingLevel(string level, int rank, int half)
    {
        var line = Assert.Single(Calculate(Win("张三", level: level, rank: rank, organiser: "行业协会")).Lines);

        Assert.Equal(half, line.Amount);
        Assert.Contains("× 行业协会举办减半（0.5）=", line.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("国际行业组织", 10000)]
    [InlineData("学会", 10000)]
    [InlineData("人社部门", 20000)]
    [InlineData("教育行政部门", 20000)]
    public void Calculate_ByOrganiser_HalvesOnlyForSocialBodies(string organiser, int amount) =>
        Assert.Equal(amount, Calculate(Win("张三", organiser: organiser)).Total);

    [Fact]
    public void Calculate_WinningStudent_PaysEachInstructorTheStudentAmount()
    {
        var result = Calculate(Win("张三", level: "全省", rank: 2, instructors: ["陈老师", "刘老师"]));

        Assert.Equal(3, result.Lines.Count);
        var instructor = result.Lines.Single(l => l.Person == "陈老师");
        Assert.Equal(("指导教师", 8000m, "指导教师按获奖学生标准：全省二等奖 8000 元"), (instructor.Role, instructor.Amount, instructor.Rule));
        Assert.Equal(8000, result.ByPerson["刘老师"]);
        Assert.Equal(24000, result.Total);
    }

    [Fact]
    public void Calculate_InstructorOfAnAssociationContest_IsHalvedToo()
    {
        var result = Calculate(Win("张三", rank: 3, organiser: "学会", instructors: ["陈老师"]));

        Assert.Equal(6000, result.ByPerson["陈老师"]);
        Assert.Equal("指导教师按获奖学生标准：全国三等奖 12000 元 × 学会举办减半（0.5）= 6000 元", result.Lines.Single(l => l.Person == "陈老师").Rule);
    }

    [Fact]
    public void Calculate_SameEventTwiceInAYear_PaysOnceForTheHighestAward()
    {
        var result = Calculate(Win("张三", level: "全市", rank: 1), Win("张三", level: "全省", rank: 3), Win("张三", level: "全国", rank: 3, organiser: "行业协会"));

        Assert.Equal(6000, result.Total);
        var paid = Assert.Single(result.Lines, l => l.Amount > 0);
        Assert.Equal(("全国", 3), (paid.Level, paid.Rank));
        Assert.All(result.Lines.Where(l => l.Amount == 0), l =>
        {
            Assert.Equal("2024 年“数控车”已按最高奖项（全国三等奖，6000 元）奖励", l.Excluded);
            Assert.EndsWith("；同一年度同一赛项不重复奖励 = 0 元", l.Rule, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Calculate_InstructorOfTwoWinnersInOneEvent_IsPaidOnce()
    {
        var result = Calculate(Win("张三", rank: 2, instructors: ["陈老师"]), Win("李四", rank: 1, instructors: ["陈老师"]));

        Assert.Equal(20000, result.ByPerson["陈老师"]);
        Assert.Equal(55000, result.Total);
    }

    [Fact]
    public void Calculate_TwoDifferentEvents_PaysBoth()
    {
        var result = Calculate(Win("张三", @event: "数控车", rank: 1), Win("张三", @event: "焊接", level: "全省", rank: 1));

        Assert.Equal([("数控车", 20000m), ("焊接", 10000m)], result.Lines.OrderByDescending(l => l.Amount).Select(l => (l.Event, l.Amount)));
        Assert.Equal(30000, result.ByPerson["张三"]);
        Assert.All(result.Lines, l => Assert.Null(l.Excluded));
    }

    [Fact]
    public void Calculate_SameEventInTwoYears_PaysBoth()
    {
        var result = Calculate(Win("张三", rank: 1, year: 2023), Win("张三", rank: 1, year: 2024));

        Assert.Equal(40000, result.ByPerson["张三"]);
    }

    [Fact]
    public void Calculate_BelowThirdPrize_IsALineOfZeroWithAReason()
    {
        var line = Assert.Single(Calculate(Win("张三", rank: 4)).Lines);

        Assert.Equal((0m, "未获三等奖及以上奖项", "全国第 4 等次不在奖励标准中，不予奖励"), (line.Amount, line.Excluded, line.Rule));
    }

    [Fact]
    public void Calculate_UnknownLevel_IsALineOfZeroWithAReason()
    {
        var line = Assert.Single(Calculate(Win("张三", level: "全区")).Lines);

        Assert.Equal((0m, "未知的竞赛级别“全区”"), (line.Amount, line.Excluded));
    }

    [Fact]
    public void Calculate_BelowThirdBesideAWin_KeepsItsOwnReason()
    {
        var result = Calculate(Win("张三", rank: 5), Win("张三", rank: 2));

        Assert.Equal(15000, result.Total);
        Assert.Equal("未获三等奖及以上奖项", result.Lines.Single(l => l.Rank == 5).Excluded);
    }

    [Fact]
    public void Calculate_AdjustedTable_UsesTheConfiguredAmountsAndFactor()
    {
        var table = RewardTable.Parse(JsonNode.Parse("""{"amounts":{"全市":{"1":4000}},"halfFactor":0.25,"halfOrganisers":["学会"]}"""));

        var result = RewardCalculator.Calculate([Win("张三", level: "全市", rank: 1, organiser: "学会"), Win("李四", level: "全市", rank: 2)], table);

        Assert.Equal(1000, result.Total);
        Assert.Equal("全市一等奖 4000 元 × 学会举办减半（0.25）= 1000 元", result.Lines.Single(l => l.Person == "张三").Rule);
        Assert.Equal("奖励标准未设“全市二等奖”", result.Lines.Single(l => l.Person == "李四").Excluded);
    }

    [Fact]
    public void ToJson_Totals_SumOverallAndPerPerson()
    {
        var json = Calculate(Win("张三", rank: 1, instructors: ["陈老师"]), Win("李四", level: "全市", rank: 3)).ToJson();

        Assert.Equal(41000, json["totals"]!["overall"]!.GetValue<decimal>());
        Assert.Equal(20000, json["totals"]!["byPerson"]!["陈老师"]!.GetValue<decimal>());
        Assert.Equal(3, json["lines"]!.AsArray().Count);
    }

    [Fact]
    public void FromRow_FormRow_ReadsEveryColumn()
    {
        var row = JsonNode.Parse("""{"name":"张三","role":"学生","event":"焊接","level":"全省","rank":2,"organiser":"学会","year":2024,"instructors":"陈老师，刘老师, 陈老师"}""");

        var entry = CompetitionEntry.FromRow(row, 0);

        Assert.Equal(("张三", "学生", "焊接", "全省", 2, "学会", 2024), (entry.Person, entry.Role, entry.Event, entry.Level, entry.Rank, entry.Organiser, entry.Year));
        Assert.Equal(["陈老师", "刘老师"], entry.Instructors);
    }

    internal static CompetitionEntry Win(
        string person, string role = "学生", string @event = "数控车", string level = "全国", int rank = 1, string organiser = "教育行政部门",
        int year = 2024, string[]? instructors = null) =>
        new(person, role, @event, level, rank, organiser, year, instructors ?? []);

    private static RewardResult Calculate(params CompetitionEntry[] entries) => RewardCalculator.Calculate(entries, RewardTable.Default);
}
