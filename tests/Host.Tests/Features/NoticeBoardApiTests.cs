using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Tests.Features.Exports;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>GET /api/notices: the 公示 open to the caller, with its period; the notice text is public while on notice, the case is not.</summary>
public sealed class NoticeBoardApiTests(ExportsHost host) : IClassFixture<ExportsHost>
{
    [Fact]
    public async Task Notices_AProvinceBatchOnNotice_ListedForASchoolWithItsPeriodAndItsText()
    {
        using var province = await host.SignInAsync("province");
        using var school = await host.SignInAsync("school3");
        var caseId = await SelectionBatch.StartAsync(province);
        Assert.Null(await NoticeAsync(school, caseId));

        await SelectionBatch.ConfirmAsync(province, caseId);
        var notice = (await NoticeAsync(school, caseId))!;

        Assert.Equal(
            ("遴选结果公示", SelectionBatch.Title, "公示", "内蒙古自治区人力资源和社会保障厅", 5, 5, false, true, false),
            (notice["title"]!.GetValue<string>(), notice["caseTitle"]!.GetValue<string>(), notice["stepName"]!.GetValue<string>(),
                notice["issuerName"]!.GetValue<string>(), notice["days"]!.GetValue<int>(), notice["workingDaysLeft"]!.GetValue<int>(),
                notice["paused"]!.GetValue<bool>(), notice["hasText"]!.GetValue<bool>(), notice["canOpenCase"]!.GetValue<bool>()));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(8)), notice["dueAt"]!.GetValue<DateTimeOffset>());
        var text = await school.GetAsync($"/api/cases/{caseId}/exports/notice?format=text");
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Contains("包头技师学院（包头市）：焊接加工", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertProblemAsync(await school.GetAsync($"/api/cases/{caseId}/exports/selection"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await school.GetAsync($"/api/cases/{caseId}"), HttpStatusCode.NotFound);
        Assert.True((await NoticeAsync(province, caseId))!["canOpenCase"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Notices_AnObjection_PausesTheNoticeKeepingItsWorkingDays()
    {
        using var province = await host.SignInAsync("province");
        using var school = await host.SignInAsync("school");
        var caseId = await SelectionBatch.StartAsync(province);
        await SelectionBatch.ConfirmAsync(province, caseId);

        var objected = await school.PostAsJsonAsync($"/api/cases/{caseId}/objections", new { reason = "第2名申报材料与实际不符" });

        Assert.Equal(HttpStatusCode.OK, objected.StatusCode);
        var notice = (await NoticeAsync(school, caseId))!;
        Assert.Equal((true, 5), (notice["paused"]!.GetValue<bool>(), notice["workingDaysLeft"]!.GetValue<int>()));
        Assert.Null(notice["dueAt"]);
    }

    [Fact]
    public async Task Notices_ACaseNotOnNotice_IsNotListedAndItsNoticeTextStaysHidden()
    {
        using var province = await host.SignInAsync("province");
        using var school = await host.SignInAsync("school");
        var caseId = await SelectionBatch.StartAsync(province);

        Assert.Null(await NoticeAsync(province, caseId));
        await AssertProblemAsync(await school.GetAsync($"/api/cases/{caseId}/exports/notice"), HttpStatusCode.NotFound);
    }

    private static async Task<JsonObject?> NoticeAsync(HttpClient client, string caseId)
    {
        var response = await client.GetAsync("/api/notices");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray()
            .SingleOrDefault(n => n!["caseId"]!.GetValue<string>() == caseId)?.AsObject();
    }
}
