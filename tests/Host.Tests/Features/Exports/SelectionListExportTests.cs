using System.Net;
using static Approvals.Host.Tests.ApiSteps;
using static Approvals.Host.Tests.Features.Exports.Xlsx;

namespace Approvals.Host.Tests.Features.Exports;

/// <summary>遴选结果名单 from a batch's ranking: every application, the totals overall and per city.</summary>
public sealed class SelectionListExportTests(ExportsHost host) : IClassFixture<ExportsHost>
{
    [Fact]
    public async Task Xlsx_Batch_EveryRankedApplicationAndTheTotals()
    {
        using var province = await host.SignInAsync("province");
        var caseId = await SelectionBatch.StartAsync(province);

        var response = await province.GetAsync($"/api/cases/{caseId}/exports/selection?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"遴选结果名单-{SelectionBatch.Title}-20260302.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        await using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = Rows(file, "遴选名单");
        Assert.Equal(
            [("1", "呼和浩特技师学院", "数控加工技术", "92.5", "入选"), ("2", "包头技师学院", "焊接加工", "90", "入选"),
             ("3", "呼和浩特机电技师学院", "<script>alert(1)</script>电气自动化", "85", "入选"), ("4", "包头高级技工学校", "汽车维修", "", "未入选"),
             ("合计", "共 4 项，入选 3 项", "", "", "")],
            rows.Select(r => (Text(r["排名"]), Text(r["申报单位"]), Text(r["申报项目"]), Text(r["评审得分"]), Text(r["遴选结果"]))).ToList());
        Assert.Equal("未通过资格审查", Text(rows[3]["备注"]));
        Assert.Equal(
            [("呼和浩特市", "2", "2"), ("包头市", "2", "1"), ("合计", "4", "3")],
            Rows(file, "按盟市汇总").Select(r => (Text(r["盟市"]), Text(r["申报数"]), Text(r["入选数"]))).ToList());
    }

    [Fact]
    public async Task Print_Batch_ChineseRowsTotalsAndEncodedTitles()
    {
        using var province = await host.SignInAsync("province");
        var caseId = await SelectionBatch.StartAsync(province);

        var response = await province.GetAsync($"/api/cases/{caseId}/exports/selection?format=print");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>{SelectionBatch.Title}遴选结果名单</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>发布单位：</dt><dd>内蒙古自治区人力资源和社会保障厅</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>制表日期：</dt><dd>2026年3月2日</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td class=\"number\">1</td><td>呼和浩特技师学院</td><td>呼和浩特市</td><td>数控加工技术</td><td class=\"number\">92.5</td><td>入选</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;电气自动化</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"number\">—</td><td>未入选</td><td>未通过资格审查</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"number\">合计</td><td>共 4 项，入选 3 项</td>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>合计</td><td class=\"number\">4</td><td class=\"number\">3</td></tr>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Export_BatchOfTheProvince_Is404ForASchoolAndACity()
    {
        using var province = await host.SignInAsync("province");
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await SelectionBatch.StartAsync(province);

        await AssertProblemAsync(await school.GetAsync($"/api/cases/{caseId}/exports/selection"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await city.GetAsync($"/api/cases/{caseId}/exports/selection?format=print"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Export_ACaseWithoutARanking_Is404SayingSo()
    {
        using var school = await host.SignInAsync("school");
        var filing = await StartFilingAsync(school);

        var response = await school.GetAsync($"/api/cases/{filing}/exports/selection?format=print");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("还没有遴选结果", (await ReadAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
