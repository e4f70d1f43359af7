using System.Text.Json.Nodes;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Activities;

/// <summary>排序遴选: the best scores within the count are selected; every other application is listed with its reason.</summary>
public sealed class SelectionRankingTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Rank_ByScore_SelectsWithinTheCountAboveTheFloorAndSaysWhyEveryOtherIsNot(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("selection-ranking.json");
        var applications = new JsonArray(
            Application("a", "呼和浩特技师学院", 86.5),
            Application("b", "包头技师学院", 91),
            Application("c", "赤峰技工学校", null, note: "盟市未推荐"),
            Application("d", "通辽技师学院", 86.5),
            Application("e", "乌海技工学校", 90, status: "cancelled"),
            Application("f", "鄂尔多斯技师学院", 95),
            Application("g", "兴安技工学校", 59));

        var id = await engine.StartAsync("test-selection-ranking", new JsonObject
        {
            ["applications"] = applications,
            ["count"] = 2,
            ["minScore"] = 60,
            ["excluded"] = new JsonArray(new JsonObject { ["caseId"] = "f", ["reason"] = "异议成立：合作企业协议已过期" }),
        });

        var selection = (await engine.VariablesAsync(id))["selection"]!.AsArray();
        Assert.Equal(["b", "a", "d", "g", "c", "e", "f"], selection.Select(s => s!["caseId"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(1, 7), selection.Select(s => s!["rank"]!.GetValue<int>()));
        Assert.Equal([true, true, false, false, false, false, false], selection.Select(s => s!["selected"]!.GetValue<bool>()));
        Assert.Equal(
            [null, null, "未进入遴选名额（名额 2 个）", "低于最低分数线 60 分", "盟市未推荐", "申报已撤销", "已排除：异议成立：合作企业协议已过期"],
            selection.Select(s => s!["note"]?.GetValue<string>()));
        var first = selection[0]!.AsObject();
        Assert.Equal(
            ["rank", "caseId", "orgId", "orgName", "cityId", "cityName", "title", "score", "selected", "note"],
            first.Select(p => p.Key));
        Assert.Equal(("org-b", "包头技师学院", "city-b", "城市b", "包头技师学院 · 数控加工", 91.0), (
            first["orgId"]!.GetValue<string>(), first["orgName"]!.GetValue<string>(), first["cityId"]!.GetValue<string>(),
            first["cityName"]!.GetValue<string>(), first["title"]!.GetValue<string>(), first["score"]!.GetValue<double>()));
        Assert.Null(selection[4]!["score"]);
    }

    private static JsonObject Application(string caseId, string school, double? score, string status = "finished", string? note = null) => new()
    {
        ["caseId"] = caseId,
        ["orgId"] = $"org-{caseId}",
        ["orgName"] = school,
        ["cityId"] = $"city-{caseId}",
        ["cityName"] = $"城市{caseId}",
        ["title"] = $"{school} · 数控加工",
        ["status"] = status,
        ["output"] = new JsonObject
        {
            ["expertReview"] = score is null ? null : new JsonObject { ["aggregate"] = score },
            ["recommendation"] = new JsonObject { ["note"] = note },
        },
    };
}
