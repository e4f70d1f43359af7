using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>A batch's endpoints refuse what is not theirs to take: the wrong role, a case that is no batch, bad input.</summary>
public sealed class SelectionApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Apply_ByAnyoneButASchoolOrByStartingTheProcessDirectly_Is403AndToACaseThatIsNoBatch_Is404()
    {
        using var province = await host.SignInAsync("province");
        using var city = await host.SignInAsync("hohhot");
        using var school = await host.SignInAsync("school3");
        var batch = await OpenBatchAsync(province);
        using var other = await host.SignInAsync("school");
        var filing = await StartFilingAsync(other);

        await AssertProblemAsync(await city.PostAsJsonAsync($"/api/cases/{batch}/applications", new { form = new JsonObject() }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await school.PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/applications", new { form = new JsonObject() }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await school.PostAsJsonAsync($"/api/cases/{filing}/applications/check", new { form = new JsonObject() }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await school.PostAsJsonAsync($"/api/cases/{batch}/applications", new { }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await school.PostAsJsonAsync("/api/cases", new { definitionId = "ythh-application", form = new JsonObject() }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await school.PostAsJsonAsync("/api/cases", new { definitionId = "ythh-batch", form = new JsonObject() }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GrantSpecialQuota_BadInputOrNotTheProvince_IsRefusedAndWritesNothing()
    {
        using var province = await host.SignInAsync("province");
        using var admin = await host.SignInAsync("admin");
        var batch = await OpenBatchAsync(province);

        var unreasoned = await province.PostAsJsonAsync($"/api/cases/{batch}/quota-exceptions", new { orgId = "150100-01", quota = 200 });
        var city = await province.PostAsJsonAsync($"/api/cases/{batch}/quota-exceptions", new { orgId = "150100", quota = 4, reason = "盟市不是学校" });
        var administrator = await admin.PostAsJsonAsync($"/api/cases/{batch}/quota-exceptions", new { orgId = "150100-01", quota = 4, reason = "管理员" });

        await AssertProblemAsync(unreasoned, HttpStatusCode.BadRequest);
        Assert.Equal(["quota", "reason"], (await ReadAsync(unreasoned))["errors"]!.AsObject().Select(e => e.Key).Order());
        await AssertProblemAsync(city, HttpStatusCode.BadRequest);
        Assert.Equal("请选择一所技工院校。", (await ReadAsync(city))["errors"]!["orgId"]![0]!.GetValue<string>());
        await AssertProblemAsync(administrator, HttpStatusCode.Forbidden);
        var timeline = (await GetCaseAsync(province, batch))["timeline"]!.AsArray();
        Assert.DoesNotContain(timeline, e => e!["kind"]!.GetValue<string>() == "quota-exception-granted");
    }

    [Fact]
    public async Task OpenBatches_ListTheOpenWindowToEveryone_AndASchoolItsQuotaAndUse()
    {
        using var province = await host.SignInAsync("province");
        using var city = await host.SignInAsync("hohhot");
        using var college = await host.SignInAsync("school3");
        var batch = await OpenBatchAsync(province);
        var applied = await college.PostAsJsonAsync($"/api/cases/{batch}/applications", new { form = new JsonObject
        {
            ["majorCode"] = "0103", ["teachers"] = 16, ["integratedTeachers"] = 20, ["partnerEnterprise"] = "包头钢铁集团",
            ["trainingFacilities"] = "一体化教学工作站 4 个", ["plan"] = "以典型工作任务重构课程。", ["contact"] = "李老师",
        } });
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsJsonAsync($"/api/cases/{batch}/quota-exceptions",
            new { orgId = "150200-01", quota = 4, reason = "示范任务" })).StatusCode);

        var seenBySchool = await OpenBatchOfAsync(college, batch);
        var seenByCity = await OpenBatchOfAsync(city, batch);

        Assert.Equal(("ythh-application", "ythh-batch", "2099-12-31T16:00:00+00:00"), (seenBySchool["applicationDefinitionId"]!.GetValue<string>(),
            seenBySchool["definitionId"]!.GetValue<string>(), seenBySchool["closesAt"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(seenBySchool["applicationName"]?.GetValue<string>()));
        Assert.Equal((4, 1, true), (seenBySchool["myQuota"]!["quota"]!.GetValue<int>(), seenBySchool["myQuota"]!["used"]!.GetValue<int>(),
            seenBySchool["myQuota"]!["special"]!.GetValue<bool>()));
        Assert.Null(seenByCity["myQuota"]);
    }

    private static async Task<JsonNode> OpenBatchOfAsync(HttpClient client, string batch)
    {
        var list = await client.GetFromJsonAsync<JsonArray>("/api/batches");
        return Assert.Single(list!, b => b!["id"]!.GetValue<string>() == batch)!;
    }

    private static async Task<string> OpenBatchAsync(HttpClient province)
    {
        var response = await province.PostAsJsonAsync("/api/cases", new
        {
            definitionId = "ythh-batch",
            form = new JsonObject
            {
                ["batchName"] = "测试批次", ["phase"] = "第一阶段", ["closesAt"] = "2099-12-31", ["cityQuota"] = 2, ["selectCount"] = 2, ["noticeDays"] = 5,
            },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadAsync(response))["id"]!.GetValue<string>();
    }
}
