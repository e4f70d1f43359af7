using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

public sealed class CasesApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Filing_SchoolAppliesCityAndProvinceApprove_SchoolSeesItFiled()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        using var province = await host.SignInAsync("province");
        var caseId = await StartFilingAsync(school);

        var cityTask = await TodoTaskAsync(city, caseId);
        var approved = await city.PostAsJsonAsync($"/api/tasks/{cityTask}/approve", CityApproval("符合专业设置标准，同意推荐"));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var provinceTask = await TodoTaskAsync(province, caseId);
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsJsonAsync($"/api/tasks/{provinceTask}/approve", new { comment = "予以备案" })).StatusCode);

        var view = await GetCaseAsync(school, caseId);
        Assert.Equal("Finished", view["status"]!.GetValue<string>());
        Assert.Equal("已办结", view["statusName"]!.GetValue<string>());
        Assert.Equal("filed", view["output"]!["result"]!.GetValue<string>());
        Assert.True(view["journalIntact"]!.GetValue<bool>());
        var labels = view["timeline"]!.AsArray().Select(e => e!["label"]!.GetValue<string>()).ToList();
        Assert.Equal("提交申请", labels[0]);
        Assert.Equal("办结", labels[^1]);
        var decisions = view["timeline"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "decision").ToList();
        Assert.Equal(["呼和浩特市人社局审核员", "自治区人社厅审核员"], decisions.Select(d => d!["actorName"]!.GetValue<string>()));
        Assert.Contains(await ListAsync(city, "done"), row => row!["caseId"]!.GetValue<string>() == caseId);
    }

    [Fact]
    public async Task Filing_CityReturnsForRevision_SchoolResubmitsTheSameCase()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school, "工业机器人应用与维护");

        var withoutReason = await city.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(city, caseId)}/return", new { comment = "" });
        await AssertProblemAsync(withoutReason, HttpStatusCode.BadRequest);
        var returned = await city.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(city, caseId)}/return", new { comment = "请补充合作企业协议" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);

        var resubmitTask = await TodoTaskAsync(school, caseId);
        var resubmitted = await school.PostAsJsonAsync($"/api/tasks/{resubmitTask}/resubmit",
            new { comment = "已补充", data = new JsonObject { ["partnerEnterprise"] = "包头钢铁（集团）有限责任公司（已签协议）" } });
        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);

        await TodoTaskAsync(city, caseId);
        var view = await GetCaseAsync(school, caseId);
        Assert.Equal("包头钢铁（集团）有限责任公司（已签协议）", view["form"]!["partnerEnterprise"]!.GetValue<string>());
        Assert.Contains(view["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "form-changed");
    }

    [Theory]
    [InlineData("school2")] // another school in the same city
    [InlineData("school3")] // a school in another city
    [InlineData("baotou")] // another city's reviewer
    [InlineData("expert1")] // an expert with no work on it
    public async Task GetCase_OutsideTheCallersScope_Is404WithNoData(string outsider)
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartFilingAsync(school);
        using var other = await host.SignInAsync(outsider);

        var response = await other.GetAsync($"/api/cases/{caseId}");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.DoesNotContain("数控", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(await ListAsync(other, "todo"), row => row!["caseId"]!.GetValue<string>() == caseId);
    }

    [Theory]
    [InlineData("hohhot")]
    [InlineData("province")]
    [InlineData("admin")]
    public async Task GetCase_TheSchoolsCityAndTheProvince_SeeIt(string reader)
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartFilingAsync(school);
        using var client = await host.SignInAsync(reader);

        var view = await GetCaseAsync(client, caseId);

        Assert.Equal("呼和浩特技师学院", view["initiator"]!["orgName"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListDefinitions_RunningCases_CountsOnlyTheCasesTheCallerMaySee()
    {
        using var school = await host.SignInAsync("school");
        await StartFilingAsync(school);
        using var outsider = await host.SignInAsync("school3");
        using var province = await host.SignInAsync("province");

        static async Task<int> RunningAsync(HttpClient client) =>
            (await client.GetFromJsonAsync<JsonArray>("/api/definitions"))!
                .Single(d => d!["id"]!.GetValue<string>() == "major-addition-filing")!["runningCases"]!.GetValue<int>();

        Assert.Equal(0, await RunningAsync(outsider));
        Assert.True(await RunningAsync(province) >= 1);
        Assert.True(await RunningAsync(school) >= 1);
    }

    [Fact]
    public async Task Approve_AnotherCitysReviewer_Is404AndTheTaskStaysOpen()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        using var otherCity = await host.SignInAsync("baotou");
        var caseId = await StartFilingAsync(school);
        var taskId = await TodoTaskAsync(city, caseId);

        var response = await otherCity.PostAsJsonAsync($"/api/tasks/{taskId}/approve", new { comment = "越权" });

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        var status = await host.Factory.QueryEngineAsync(db => db.HumanTasks.Where(t => t.Id == new TaskId(Guid.Parse(taskId))).Select(t => t.Status).SingleAsync());
        Assert.Equal(HumanTaskStatus.Open, status);
    }

    [Fact]
    public async Task Approve_TheApplicantOnTheCitysTask_Is403()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school);
        var taskId = await TodoTaskAsync(city, caseId);

        await AssertProblemAsync(await school.PostAsJsonAsync($"/api/tasks/{taskId}/approve", new { }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Approve_TwoReviewersAtOnce_OneSucceedsTheOtherGets409()
    {
        using var school = await host.SignInAsync("school");
        using var first = await host.SignInAsync("hohhot");
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Approvals.Host.Features.Auth.User>>();
            if (await users.FindByNameAsync("hohhot2") is null)
            {
                var colleague = new Approvals.Host.Features.Auth.User { UserName = "hohhot2", DisplayName = "呼和浩特市人社局审核员二", OrgId = "150100" };
                Assert.True((await users.CreateAsync(colleague, Approvals.Host.Startup.DemoData.Password)).Succeeded);
                await users.AddToRoleAsync(colleague, "city_reviewer");
            }
        }

        using var second = await host.SignInAsync("hohhot2");
        var caseId = await StartFilingAsync(school);
        var taskId = await TodoTaskAsync(first, caseId);

        var responses = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/tasks/{taskId}/approve", CityApproval()),
            second.PostAsJsonAsync($"/api/tasks/{taskId}/approve", CityApproval()));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        await AssertProblemAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict);
        var decisions = await host.Factory.QueryEngineAsync(db => db.Journal.CountAsync(j => j.InstanceId == new InstanceId(Guid.Parse(caseId)) && j.Kind == "decision"));
        Assert.Equal(1, decisions);
    }

    [Fact]
    public async Task BatchApprove_TwoCasesAndAnUnknownTask_ApprovesBothReportsTheUnknown()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        using var province = await host.SignInAsync("province");
        var first = await StartFilingAsync(school, "电气自动化设备安装与维修");
        var second = await StartFilingAsync(school, "汽车维修");
        var unknown = Guid.NewGuid().ToString();

        // The city's step is an evaluation item by item: one click cannot give its verdicts.
        var evaluations = await city.PostAsJsonAsync("/api/tasks/batch-approve",
            new { taskIds = new[] { await TodoTaskAsync(city, first), await TodoTaskAsync(city, second) }, comment = "同意推荐" });
        Assert.Equal(HttpStatusCode.OK, evaluations.StatusCode);
        Assert.Equal(0, (await ReadAsync(evaluations))["succeeded"]!.GetValue<int>());
        foreach (var caseId in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, (await city.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(city, caseId)}/approve", CityApproval())).StatusCode);
        }

        var response = await province.PostAsJsonAsync("/api/tasks/batch-approve",
            new { taskIds = new[] { await TodoTaskAsync(province, first), await TodoTaskAsync(province, second), unknown }, comment = "予以备案" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadAsync(response);
        Assert.Equal(2, body["succeeded"]!.GetValue<int>());
        Assert.Equal(404, body["results"]!.AsArray().Single(r => r!["taskId"]!.GetValue<string>() == unknown)!["status"]!.GetValue<int>());
        Assert.Equal("Finished", (await GetCaseAsync(school, first))["status"]!.GetValue<string>());
        Assert.Equal("Finished", (await GetCaseAsync(school, second))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task WorkLists_FilteredSortedAndPaged_ReturnTheRequestedSlice()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        foreach (var name in new[] { "烹饪（中式烹调）", "烹饪（西式烹调）", "烹饪（中西式面点）" })
        {
            await StartFilingAsync(school, name);
        }

        var page = await city.GetFromJsonAsync<JsonObject>("/api/tasks?list=todo&q=" + Uri.EscapeDataString("专业增设") + "&sort=createdAt&desc=false&page=1&pageSize=2");
        Assert.Equal(2, page!["items"]!.AsArray().Count);
        Assert.True(page["total"]!.GetValue<int>() >= 3);
        var times = page["items"]!.AsArray().Select(i => i!["createdAt"]!.GetValue<DateTime>()).ToList();
        Assert.True(times[0] <= times[1]);
        var counts = await city.GetFromJsonAsync<Dictionary<string, int>>("/api/tasks/counts");
        Assert.Equal(page["total"]!.GetValue<int>(), counts!["todo"]);

        await AssertProblemAsync(await city.GetAsync("/api/tasks?list=everything"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await city.GetAsync("/api/tasks?list=todo&pageSize=1000"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await city.GetAsync("/api/tasks?list=todo&page=abc"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WorkLists_SearchedByTheCaseTitle_FindTheStepWhoseOwnTitleDiffers()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var response = await school.PostAsJsonAsync("/api/cases", new
        {
            definitionId = "major-addition-filing", title = "呼和浩特技师学院增设智能焊接技术专业", form = MajorForm("智能焊接技术"),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var caseId = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var found = await ListAsync(city, "todo", "&q=" + Uri.EscapeDataString("智能焊接"));

        var row = Assert.Single(found)!;
        Assert.Equal(caseId, row["caseId"]!.GetValue<string>());
        Assert.DoesNotContain("智能焊接", row["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(city, "todo", "&q=" + Uri.EscapeDataString("不存在的专业名称")));
    }

    [Fact]
    public async Task CopyCase_ToTheEducationBureau_AppearsInTheirCcListAndTheyCanReadIt()
    {
        using var school = await host.SignInAsync("school");
        using var education = await host.SignInAsync("education");
        var caseId = await StartFilingAsync(school);
        var me = await education.GetFromJsonAsync<JsonObject>("/api/auth/me");

        var copied = await school.PostAsJsonAsync($"/api/cases/{caseId}/copies", new { userIds = new[] { me!["id"]!.GetValue<string>() } });

        Assert.Equal(HttpStatusCode.OK, copied.StatusCode);
        Assert.Contains(await ListAsync(education, "cc"), row => row!["caseId"]!.GetValue<string>() == caseId);
        await GetCaseAsync(education, caseId);
    }

    [Fact]
    public async Task CopyCase_ToASchoolInAnotherCity_Is400AndTheyStillCannotReadIt()
    {
        using var school = await host.SignInAsync("school");
        using var outsider = await host.SignInAsync("school3");
        var caseId = await StartFilingAsync(school);
        var them = await outsider.GetFromJsonAsync<JsonObject>("/api/auth/me");

        var copied = await school.PostAsJsonAsync($"/api/cases/{caseId}/copies", new { userIds = new[] { them!["id"]!.GetValue<string>() } });

        await AssertProblemAsync(copied, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/cases/{caseId}")).StatusCode);
    }
}
