using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>技能大赛奖励审批 from the school's list to the finance bureau's payment, each step by the demo user whose job it is.</summary>
public sealed class CompetitionRewardsProcessTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task CompetitionRewards_ReturnedOnceThenApprovedAndPaid_TheSchoolReadsTheRewardsAndEveryStep()
    {
        using var school = await host.SignInAsync("school");
        using var education = await host.SignInAsync("education");
        using var hr = await host.SignInAsync("hohhot");
        using var finance = await host.SignInAsync("finance");
        var started = await school.PostAsJsonAsync("/api/cases", new
        {
            definitionId = "competition-rewards",
            form = new JsonObject { ["winners"] = new JsonArray(Winner("张三", "全国", 1, "教育行政部门", "")) },
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var caseId = (await ReadAsync(started))["id"]!.GetValue<string>();

        await DecideAsync(education, caseId, "return", new { comment = "请补充指导教师和协会赛项" });
        await DecideAsync(school, caseId, "resubmit", new
        {
            data = new JsonObject
            {
                ["winners"] = new JsonArray(
                    Winner("张三", "全国", 1, "教育行政部门", "陈老师"),
                    Winner("张三", "全省", 2, "教育行政部门", "陈老师"),
                    Winner("李四", "全省", 1, "行业协会", ""),
                    Winner("王五", "全市", 4, "人社部门", "")),
            },
        });
        await DecideAsync(education, caseId, "approve", new { comment = "核算无误" });
        await DecideAsync(hr, caseId, "approve", new { comment = "同意拨付" });
        await DecideAsync(finance, caseId, "complete", new { outcome = "paid", comment = "已拨付" });

        var view = await GetCaseAsync(school, caseId);
        Assert.Equal("Finished", view["status"]!.GetValue<string>());
        var totals = view["output"]!["totals"]!;
        Assert.Equal(45000, totals["overall"]!.GetValue<decimal>());
        Assert.Equal((20000m, 20000m, 5000m, 0m), (Paid(totals, "张三"), Paid(totals, "陈老师"), Paid(totals, "李四"), Paid(totals, "王五")));
        var lines = view["output"]!["lines"]!.AsArray();
        Assert.Equal(6, lines.Count);
        Assert.All(lines, l => Assert.Matches(
            $@"^(指导教师按获奖学生标准：)?{l!["level"]!.GetValue<string>()}(.等奖 \d+ 元|第 \d+ 等次不在奖励标准中，不予奖励)", l["rule"]!.GetValue<string>()));
        Assert.Contains(lines, l => l!["rule"]!.GetValue<string>() == "全省一等奖 10000 元 × 行业协会举办减半（0.5）= 5000 元");
        Assert.Equal("未获三等奖及以上奖项", lines.Single(l => l!["person"]!.GetValue<string>() == "王五")!["excluded"]!.GetValue<string>());
        await host.Factory.AssertEveryNodeJournaledAsync("competition-rewards", notReached: "end-rejected");
        Assert.Contains(view["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "returned" && e["nodeId"]!.GetValue<string>() == "education");
    }

    private static async Task DecideAsync(HttpClient who, string caseId, string action, object body)
    {
        var response = await who.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(who, caseId)}/{action}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static decimal Paid(JsonNode totals, string person) => totals["byPerson"]![person]!.GetValue<decimal>();

    private static JsonObject Winner(string name, string level, int rank, string organiser, string instructors) => new()
    {
        ["name"] = name, ["role"] = "学生", ["event"] = "数控车", ["level"] = level, ["rank"] = rank, ["organiser"] = organiser,
        ["year"] = 2024, ["instructors"] = instructors,
    };
}
