using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.ApiSteps;
using static Approvals.Host.Tests.Features.Exports.Xlsx;

namespace Approvals.Host.Tests.Features.Exports;

/// <summary>专业名单 of a school from its majors registry: filed majors and one on warning, the count of each, for those who see the school.</summary>
public sealed class SchoolMajorsExportTests(ExportsHost host) : IClassFixture<ExportsHost>
{
    private const string School = "150100-05";

    /// <summary>呼和浩特技工学校 files two majors through the process; the city then warns on the second.</summary>
    private Task MajorsFiledAsync() => host.OnceAsync(nameof(MajorsFiledAsync), async () =>
    {
        using var school = await host.SignInAsync("school2");
        using var city = await host.SignInAsync("hohhot");
        using var province = await host.SignInAsync("province");
        foreach (var (code, name) in new[] { ("0103", "数控加工"), ("0208", "<i>焊接加工</i>") })
        {
            var form = MajorForm(name);
            form["majorCode"] = code;
            var started = await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form });
            Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
            var caseId = (await ReadAsync(started))["id"]!.GetValue<string>();
            await SucceedsAsync(city.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(city, caseId)}/approve", CityApproval()));
            await SucceedsAsync(province.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(province, caseId)}/approve", new { comment = "予以备案" }));
        }

        var warned = await city.PostAsJsonAsync(
            $"/api/organizations/{School}/majors/0208/warning", new { reason = "就业率低", detail = "近三年对口就业率低于 60%", employmentRate = 58.5 });
        Assert.True(warned.StatusCode == HttpStatusCode.Created, await warned.Content.ReadAsStringAsync());
    });

    [Fact]
    public async Task Xlsx_School_EveryMajorWithItsStatusAndTheCounts()
    {
        await MajorsFiledAsync();
        using var city = await host.SignInAsync("hohhot");

        var response = await city.GetAsync($"/api/organizations/{School}/exports/majors?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("专业名单-呼和浩特技工学校-20260302.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        await using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(
            [("1", "0103", "数控加工", "开设中", "2026-03-02"), ("2", "0208", "<i>焊接加工</i>", "预警中", "2026-03-02"),
             ("合计", "共 2 个专业：开设中 1 个，预警中 1 个，已退出 0 个", "", "", "")],
            Rows(file, "专业名单").Select(r => (Text(r["序号"]), Text(r["专业代码"]), Text(r["专业名称"]), Text(r["状态"]), Text(r["备案日期"]))).ToList());
        Assert.Equal(
            [("开设中", "1"), ("预警中", "1"), ("已退出", "0"), ("合计", "2")],
            Rows(file, "按状态汇总").Select(r => (Text(r["状态"]), Text(r["专业数"]))).ToList());
    }

    [Fact]
    public async Task Print_School_ChineseRowsTotalsAndEncodedNames()
    {
        await MajorsFiledAsync();
        using var school = await host.SignInAsync("school2");

        var response = await school.GetAsync($"/api/organizations/{School}/exports/majors?format=print");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>呼和浩特技工学校专业名单</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>制表日期：</dt><dd>2026年3月2日</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<td>0103</td><td>数控加工</td><td>开设中</td><td>2026-03-02</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>0208</td><td>&lt;i&gt;焊接加工&lt;/i&gt;</td><td>预警中</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>共 2 个专业：开设中 1 个，预警中 1 个，已退出 0 个</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ASchoolOfAnotherCityOrAnotherSchool_Is404()
    {
        await MajorsFiledAsync();
        using var baotou = await host.SignInAsync("baotou");
        using var neighbour = await host.SignInAsync("school");

        await AssertProblemAsync(await baotou.GetAsync($"/api/organizations/{School}/exports/majors"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await neighbour.GetAsync($"/api/organizations/{School}/exports/majors?format=print"), HttpStatusCode.NotFound);
    }

    private static async Task SucceedsAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
