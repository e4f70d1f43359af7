using System.Net;
using System.Net.Http.Json;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features.Exports;

/// <summary>公示 and 公告 of a batch through the API: the shipped templates on the case's ranking and its 公示期, as text or a print page.</summary>
public sealed class NoticeExportTests(ExportsHost host) : IClassFixture<ExportsHost>
{
    [Fact]
    public async Task Text_BatchOnNotice_ListsTheSelectedWithTheJournaledPeriod()
    {
        using var province = await host.SignInAsync("province");
        var caseId = await SelectionBatch.StartAsync(province);
        await SelectionBatch.ConfirmAsync(province, caseId);

        var response = await province.GetAsync($"/api/cases/{caseId}/exports/notice?format=text&days=10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("text/plain", "utf-8"), (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet));
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith($"关于{SelectionBatch.Title}遴选结果的公示\n\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "拟确定以下3个项目入选，现予以公示：\n1. 呼和浩特技师学院（呼和浩特市）：数控加工技术\n2. 包头技师学院（包头市）：焊接加工\n"
            + "3. 呼和浩特机电技师学院（呼和浩特市）：<script>alert(1)</script>电气自动化\n公示时间为2026年3月2日至2026年3月9日，共5个工作日。",
            text, StringComparison.Ordinal);
        Assert.DoesNotContain("包头高级技工学校", text, StringComparison.Ordinal);
        Assert.Contains("以书面形式向内蒙古自治区人力资源和社会保障厅反映", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n内蒙古自治区人力资源和社会保障厅\n2026年3月2日", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_Announcement_OfficialLayoutWithEncodedTitles()
    {
        using var province = await host.SignInAsync("province");
        var caseId = await SelectionBatch.StartAsync(province);
        await SelectionBatch.ConfirmAsync(province, caseId);

        var response = await province.GetAsync(
            $"/api/cases/{caseId}/exports/notice?kind=announcement&format=print&contact={Uri.EscapeDataString("职业能力建设处")}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>关于公布{SelectionBatch.Title}入选名单的公告</h1>", page, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"body\">{SelectionBatch.Title}遴选结果已于2026年3月2日至2026年3月9日公示5个工作日。", page, StringComparison.Ordinal);
        Assert.Contains("<p class=\"body\">3. 呼和浩特机电技师学院（呼和浩特市）：&lt;script&gt;alert(1)&lt;/script&gt;电气自动化</p>", page, StringComparison.Ordinal);
        Assert.Contains("<div class=\"closing\">内蒙古自治区人力资源和社会保障厅<br>2026年3月2日</div>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Text_BeforeTheNotice_PeriodOfTheGivenWorkingDaysFromToday()
    {
        using var province = await host.SignInAsync("province");
        var caseId = await SelectionBatch.StartAsync(province);

        var text = await (await province.GetAsync($"/api/cases/{caseId}/exports/notice?days=10")).Content.ReadAsStringAsync();
        var announcement = await (await province.GetAsync($"/api/cases/{caseId}/exports/notice?kind=announcement")).Content.ReadAsStringAsync();

        Assert.Contains("公示时间为2026年3月2日至2026年3月16日，共10个工作日。", text, StringComparison.Ordinal);
        Assert.Contains("\n\n经学校申报、盟市推荐、专家评审，现将入选名单（共3个项目）公布如下：\n", announcement, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_DraftedTemplate_RendersOnTheCaseAndABrokenOneIsAChinese400()
    {
        using var province = await host.SignInAsync("province");
        var caseId = await SelectionBatch.StartAsync(province);
        await SelectionBatch.ConfirmAsync(province, caseId);

        var drafted = await province.PostAsJsonAsync($"/api/cases/{caseId}/exports/notice/preview", new
        {
            template = "{{ batch.title }}：{% for item in selected %}{{ item.orgName }}{% unless forloop.last %}、{% endunless %}{% endfor %}，公示至{{ period.end }}。",
        });
        var broken = await province.PostAsJsonAsync($"/api/cases/{caseId}/exports/notice/preview", new { template = "{% for item in selected %}{{ item.nmae }}" });
        var unknown = await province.PostAsJsonAsync($"/api/cases/{caseId}/exports/notice/preview", new { template = "{{ item.nmae }}" });

        Assert.Equal(HttpStatusCode.OK, drafted.StatusCode);
        Assert.Equal($"{SelectionBatch.Title}：呼和浩特技师学院、包头技师学院、呼和浩特机电技师学院，公示至2026年3月9日。", await drafted.Content.ReadAsStringAsync());
        await AssertProblemAsync(broken, HttpStatusCode.BadRequest);
        Assert.StartsWith("模板语法错误", (await ReadAsync(broken))["errors"]!["template"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertProblemAsync(unknown, HttpStatusCode.BadRequest);
        Assert.Equal("模板使用了不存在的字段“item”。", (await ReadAsync(unknown))["errors"]!["template"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?kind=bulletin", "kind")]
    [InlineData("?format=xlsx", "format")]
    [InlineData("?days=0", "days")]
    [InlineData("?days=many", "days")]
    public async Task Text_BadChoice_Is400NamingIt(string query, string field)
    {
        using var province = await host.SignInAsync("province");
        var caseId = await SelectionBatch.StartAsync(province);

        var response = await province.GetAsync($"/api/cases/{caseId}/exports/notice{query}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull((await ReadAsync(response))["errors"]![field]);
    }

    [Fact]
    public async Task Notice_ABatchTheCallerCannotSee_Is404()
    {
        using var province = await host.SignInAsync("province");
        using var school = await host.SignInAsync("school");
        var caseId = await SelectionBatch.StartAsync(province);

        await AssertProblemAsync(await school.GetAsync($"/api/cases/{caseId}/exports/notice"), HttpStatusCode.NotFound);
        await AssertProblemAsync(
            await school.PostAsJsonAsync($"/api/cases/{caseId}/exports/notice/preview", new { template = "{{ issuer }}" }), HttpStatusCode.NotFound);
    }
}
