using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.ApiSteps;
using static Approvals.Host.Tests.Features.Exports.Xlsx;

namespace Approvals.Host.Tests.Features.Exports;

/// <summary>技能大赛奖励核算表 as a workbook and a print page: every line with its rule, the totals, only for those who see the case.</summary>
public sealed class RewardTableExportTests(ExportsHost host) : IClassFixture<ExportsHost>
{
    [Fact]
    public async Task Xlsx_RewardCase_EveryLineWithItsRuleAndTheTotals()
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartRewardsAsync(school);

        var response = await school.GetAsync($"/api/cases/{caseId}/exports/rewards?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("技能大赛奖励核算表-2024年技能大赛奖励-20260302.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        await using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var lines = Rows(file, "奖励明细");
        Assert.Equal(5, lines.Count);
        var zhang = lines.Single(l => (string)l["姓名"]! == "张三");
        Assert.Equal(("全国", "一等奖", 20000d, "全国一等奖 20000 元"), ((string)zhang["竞赛级别"]!, (string)zhang["获奖等次"]!, (double)zhang["奖励金额（元）"]!, (string)zhang["核算依据"]!));
        var instructor = lines.Single(l => (string)l["姓名"]! == "陈老师");
        Assert.Equal(("指导教师", "指导教师按获奖学生标准：全国一等奖 20000 元"), ((string)instructor["身份"]!, (string)instructor["核算依据"]!));
        Assert.Equal(5000d, (double)lines.Single(l => (string)l["姓名"]! == "李四")["奖励金额（元）"]!);
        Assert.Equal("未获三等奖及以上奖项", lines.Single(l => (string)l["姓名"]! == "<b>王五</b>")["不予奖励原因"]);
        Assert.Equal(("合计", 45000d), ((string)lines[^1]["序号"]!, (double)lines[^1]["奖励金额（元）"]!));
        var people = Rows(file, "按人汇总");
        Assert.Equal(
            [("<b>王五</b>", 0d), ("张三", 20000d), ("李四", 5000d), ("陈老师", 20000d), ("合计", 45000d)],
            people.Select(p => (Text(p["姓名"]) is { Length: > 0 } name ? name : Text(p["序号"]), (double)p["奖励金额（元）"]!)).ToList());
    }

    [Fact]
    public async Task Print_ByTheEducationBureau_ChinesePageWithRulesTotalsAndEncodedNames()
    {
        using var school = await host.SignInAsync("school");
        using var education = await host.SignInAsync("education");
        var caseId = await StartRewardsAsync(school);

        var response = await education.GetAsync($"/api/cases/{caseId}/exports/rewards?format=print");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("text/html", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", page, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4;", page, StringComparison.Ordinal);
        Assert.Contains("<h1>技能大赛获奖奖励核算表</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>申报单位：</dt><dd>呼和浩特技师学院</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>制表单位：</dt><dd>呼和浩特市教育局</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>制表日期：</dt><dd>2026年3月2日</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<td>张三</td><td>学生</td><td>数控车</td><td>全国</td><td>一等奖</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>指导教师按获奖学生标准：全国一等奖 20000 元</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>全省一等奖 10000 元 × 行业协会举办减半（0.5）= 5000 元</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;b&gt;王五&lt;/b&gt;</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>王五", page, StringComparison.Ordinal);
        Assert.Contains("<tfoot>\n<tr><td class=\"number\">合计</td>", page, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(page, "<td class=\"number\">45,000</td>"));
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Json_RewardCase_TheLinesAndTotalsTheWorkbookHas()
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartRewardsAsync(school);

        var response = await school.GetAsync($"/api/cases/{caseId}/exports/rewards?format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = await ReadAsync(response);
        var lines = table["lines"]!.AsArray();
        Assert.Equal(4, lines.Count);
        var li = lines.Single(l => l!["person"]!.GetValue<string>() == "李四")!;
        Assert.Equal(("全省", "一等奖", 5000m, "全省一等奖 10000 元 × 行业协会举办减半（0.5）= 5000 元"),
            (li["level"]!.GetValue<string>(), li["rankName"]!.GetValue<string>(), li["amount"]!.GetValue<decimal>(), li["rule"]!.GetValue<string>()));
        Assert.Equal("未获三等奖及以上奖项", lines.Single(l => l!["person"]!.GetValue<string>() == "<b>王五</b>")!["excluded"]!.GetValue<string>());
        Assert.Equal(45000m, table["overall"]!.GetValue<decimal>());
        Assert.Equal(
            [("<b>王五</b>", 0m), ("张三", 20000m), ("李四", 5000m), ("陈老师", 20000m)],
            table["byPerson"]!.AsArray().Select(p => (p!["person"]!.GetValue<string>(), p["amount"]!.GetValue<decimal>())).ToList());
    }

    [Fact]
    public async Task Export_ACaseOfAnotherCity_Is404()
    {
        using var school = await host.SignInAsync("school");
        using var outsider = await host.SignInAsync("school3");
        var caseId = await StartRewardsAsync(school);

        await AssertProblemAsync(await outsider.GetAsync($"/api/cases/{caseId}/exports/rewards?format=xlsx"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await outsider.GetAsync($"/api/cases/{caseId}/exports/rewards?format=print"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await school.GetAsync($"/api/cases/{Guid.NewGuid()}/exports/rewards"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Export_UnknownFormat_Is400NamingFormat()
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartRewardsAsync(school);

        var response = await school.GetAsync($"/api/cases/{caseId}/exports/rewards?format=pdf");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("xlsx", (await ReadAsync(response))["errors"]!["format"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ACaseWithoutRewards_Is404SayingSo()
    {
        using var school = await host.SignInAsync("school");
        var filing = await StartFilingAsync(school);

        var response = await school.GetAsync($"/api/cases/{filing}/exports/rewards");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("没有奖励核算结果", (await ReadAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static async Task<string> StartRewardsAsync(HttpClient school)
    {
        var started = await school.PostAsJsonAsync("/api/cases", new
        {
            definitionId = "competition-rewards",
            title = "2024年技能大赛奖励",
            form = new JsonObject
            {
                ["winners"] = new JsonArray(
                    Winner("张三", "全国", 1, "教育行政部门", "陈老师"),
                    Winner("李四", "全省", 1, "行业协会", ""),
                    Winner("<b>王五</b>", "全市", 4, "人社部门", "")),
            },
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await ReadAsync(started))["id"]!.GetValue<string>();
    }

    private static JsonObject Winner(string name, string level, int rank, string organiser, string instructors) => new()
    {
        ["name"] = name, ["role"] = "学生", ["event"] = "数控车", ["level"] = level, ["rank"] = rank, ["organiser"] = organiser,
        ["year"] = 2024, ["instructors"] = instructors,
    };
}
