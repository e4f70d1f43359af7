using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Startup;
using Approvals.Workflows.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>撤回, 转办, 委派, 加签 and 催办 through the API, each as the people involved see it.</summary>
public sealed class TaskActionsTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Withdraw_BeforeTheCityActs_TheSchoolChangesAndResubmits()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school);

        var withdrawn = await school.PostAsJsonAsync($"/api/cases/{caseId}/withdraw", new { reason = "招生计划需调整" });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.DoesNotContain(await ListAsync(city, "todo"), row => row!["caseId"]!.GetValue<string>() == caseId);
        var resubmit = await TodoTaskAsync(school, caseId);
        var sent = await school.PostAsJsonAsync($"/api/tasks/{resubmit}/resubmit", new { data = new JsonObject { ["plannedEnrolment"] = 60 } });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        await TodoTaskAsync(city, caseId);
        var view = await GetCaseAsync(school, caseId);
        Assert.Equal(60, view["form"]!["plannedEnrolment"]!.GetValue<int>());
        Assert.Contains(view["timeline"]!.AsArray(), e => e!["label"]!.GetValue<string>() == "申请人撤回");
    }

    [Fact]
    public async Task Withdraw_AfterTheCityApproved_Is409()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school);
        await city.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(city, caseId)}/approve", CityApproval());

        await AssertProblemAsync(await school.PostAsJsonAsync($"/api/cases/{caseId}/withdraw", new { }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Withdraw_BySomeoneOtherThanTheApplicant_Is403()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school);

        await AssertProblemAsync(await city.PostAsJsonAsync($"/api/cases/{caseId}/withdraw", new { }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Transfer_ToAColleague_MovesTheTaskToTheirList()
    {
        var colleague = await EnsureUserAsync("hohhot-transfer", "150100", Roles.CityReviewer);
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        using var other = await host.SignInAsync("hohhot-transfer");
        var caseId = await StartFilingAsync(school);
        var taskId = await TodoTaskAsync(city, caseId);

        var response = await city.PostAsJsonAsync($"/api/tasks/{taskId}/transfer", new { userId = colleague, comment = "请你审核" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(taskId, await TodoTaskAsync(other, caseId));
        Assert.DoesNotContain(await ListAsync(city, "todo"), row => row!["caseId"]!.GetValue<string>() == caseId);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync($"/api/tasks/{taskId}/approve", CityApproval())).StatusCode);
    }

    [Fact]
    public async Task Transfer_ToSomeoneInAnotherCity_Is400AndTheTaskStaysPut()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school);
        var taskId = await TodoTaskAsync(city, caseId);
        var outsider = await UserIdAsync("baotou");

        await AssertProblemAsync(await city.PostAsJsonAsync($"/api/tasks/{taskId}/transfer", new { userId = outsider }), HttpStatusCode.BadRequest);
        Assert.Equal(taskId, await TodoTaskAsync(city, caseId));
    }

    [Fact]
    public async Task Delegate_TheDelegateHandsBack_ThenTheOwnerDecides()
    {
        var helperId = await EnsureUserAsync("hohhot-delegate", "150100", Roles.CityReviewer);
        using var school = await host.SignInAsync("school");
        using var owner = await host.SignInAsync("hohhot");
        using var helper = await host.SignInAsync("hohhot-delegate");
        var caseId = await StartFilingAsync(school);
        var taskId = await TodoTaskAsync(owner, caseId);

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/tasks/{taskId}/delegate", new { userId = helperId, comment = "请先核查师资" })).StatusCode);

        Assert.DoesNotContain(await ListAsync(owner, "todo"), row => row!["caseId"]!.GetValue<string>() == caseId);
        Assert.Equal(taskId, await TodoTaskAsync(helper, caseId));
        await AssertProblemAsync(await owner.PostAsJsonAsync($"/api/tasks/{taskId}/approve", new { }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await helper.PostAsJsonAsync($"/api/tasks/{taskId}/approve", new { }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await helper.PostAsJsonAsync($"/api/tasks/{taskId}/hand-back", new { comment = "师资符合要求" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/tasks/{taskId}/approve", CityApproval())).StatusCode);
    }

    [Fact]
    public async Task AddSigner_TheOwnerWaitsForTheAddedSignersOpinion()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        using var education = await host.SignInAsync("education");
        var caseId = await StartFilingAsync(school);
        var taskId = await TodoTaskAsync(city, caseId);

        var added = await city.PostAsJsonAsync($"/api/tasks/{taskId}/add-signer", new { userId = await UserIdAsync("education"), comment = "请教育局会签" });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var signerTask = (await ReadAsync(added))["taskId"]!.GetValue<string>();
        await AssertProblemAsync(await city.PostAsJsonAsync($"/api/tasks/{taskId}/approve", new { }), HttpStatusCode.Conflict);
        Assert.Equal(signerTask, await TodoTaskAsync(education, caseId));
        Assert.Equal(HttpStatusCode.OK, (await education.PostAsJsonAsync($"/api/tasks/{signerTask}/approve", new { comment = "同意" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsJsonAsync($"/api/tasks/{taskId}/approve", CityApproval())).StatusCode);
        var view = await GetCaseAsync(school, caseId);
        Assert.Contains(view["timeline"]!.AsArray(), e => e!["label"]!.GetValue<string>() == "加签意见");
    }

    [Fact]
    public async Task Urge_TheApplicantOncePerHour_ReachesTheJournal()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school);
        var taskId = await TodoTaskAsync(city, caseId);

        Assert.Equal(HttpStatusCode.OK, (await school.PostAsJsonAsync($"/api/tasks/{taskId}/urge", new { message = "开学在即，请尽快审核" })).StatusCode);
        await AssertProblemAsync(await school.PostAsJsonAsync($"/api/tasks/{taskId}/urge", new { }), HttpStatusCode.Conflict);
        await AssertProblemAsync(await city.PostAsJsonAsync($"/api/tasks/{taskId}/urge", new { }), HttpStatusCode.BadRequest);

        var urged = await host.Factory.QueryEngineAsync(db => db.Journal.CountAsync(j => j.InstanceId == new InstanceId(Guid.Parse(caseId)) && j.Kind == "task-urged"));
        Assert.Equal(1, urged);
    }

    /// <summary>
    /// 待办 pages in arrival order are taken from each branch of the list (by name, by role) up to the page's end and
    /// merged: paging through them gives exactly the one long list, in both directions.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Todo_PagedThroughTasksByNameAndByRole_GivesTheWholeListInOrder(bool descending)
    {
        var reviewer = await EnsureUserAsync("hohhot-pages", "150100", Roles.CityReviewer);
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        using var pages = await host.SignInAsync("hohhot-pages");
        foreach (var _ in Enumerable.Range(0, 5))
        {
            await StartFilingAsync(school);
        }

        // Two of the city's tasks become this reviewer's by name; the rest stay with the role.
        foreach (var row in (await ListAsync(city, "todo")).Take(2))
        {
            var transfer = await city.PostAsJsonAsync($"/api/tasks/{row!["taskId"]}/transfer", new { userId = reviewer, comment = "请你审核" });
            Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        }

        var order = $"&sort=createdAt&desc={descending.ToString().ToLowerInvariant()}";
        var whole = await ListAsync(pages, "todo", $"&pageSize=100{order}");
        Assert.InRange(whole.Count, 5, 99);
        var paged = new List<string>();
        for (var page = 1; paged.Count < whole.Count; page++)
        {
            var rows = await ListAsync(pages, "todo", $"&page={page}&pageSize=3{order}");
            Assert.NotEmpty(rows);
            paged.AddRange(rows.Select(r => r!["taskId"]!.GetValue<string>()));
        }

        Assert.Equal(whole.Select(r => r!["taskId"]!.GetValue<string>()), paged);
        var arrivals = whole.Select(r => r!["createdAt"]!.GetValue<DateTime>()).ToList();
        Assert.Equal(descending ? arrivals.OrderDescending() : arrivals.Order(), arrivals);
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<User>>().FindByNameAsync(userName))!.Id;
    }

    private async Task<string> EnsureUserAsync(string userName, string orgId, string role)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        if (await users.FindByNameAsync(userName) is { } existing)
        {
            return existing.Id;
        }

        var user = new User { UserName = userName, DisplayName = userName, OrgId = orgId };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        return user.Id;
    }
}
