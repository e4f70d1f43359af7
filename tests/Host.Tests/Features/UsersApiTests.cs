using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Startup;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Approvals.Host.Tests.ApiSteps;
using static Approvals.Host.Tests.Features.OrganizationsApiTests;

namespace Approvals.Host.Tests.Features;

/// <summary>Accounts and roles kept by administrators: created, changed, stopped, given a new password; all audited.</summary>
public sealed class UsersApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string FirstPassword = "Chuqi#2026a";

    [Fact]
    public async Task Create_SchoolApplicant_CanSignInAndIsAuditedWithoutThePassword()
    {
        using var admin = await host.SignInAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/users", NewUser("wang.li", "王丽", "150200-03", "school_applicant"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await ReadAsync(response);
        Assert.Equal(("wang.li", "包头高级技工学校", "学校经办人", "正常"),
            (created["userName"]!.GetValue<string>(), created["orgName"]!.GetValue<string>(), created["roles"]![0]!["name"]!.GetValue<string>(),
             created["statusName"]!.GetValue<string>()));
        var (status, me) = await SignInAsync("wang.li", FirstPassword);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("王丽", "150200-03", "school_applicant"),
            (me!["displayName"]!.GetValue<string>(), me["org"]!["id"]!.GetValue<string>(), me["roles"]![0]!["code"]!.GetValue<string>()));
        var audit = await host.Factory.QueryHostAsync(db => db.Audit.SingleAsync(a => a.Action == "user-created" && a.Target == "wang.li"));
        Assert.DoesNotContain(FirstPassword, audit.Data);
        Assert.Equal("150200-03", JsonNode.Parse(audit.Data)!["orgId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("school", "school_applicant", "150100-01", "userName", "已被使用")]
    [InlineData("张三", "school_applicant", "150100-01", "userName", "用户名")]
    [InlineData("zhao.yi", "dean", "150100-01", "roles", "角色只能是")]
    [InlineData("zhao.er", "", "150100-01", "roles", "至少选择一个角色")]
    [InlineData("zhao.san", "school_applicant", "nowhere", "orgId", "不存在")]
    [InlineData("zhao.si", "school_applicant", "150100", "roles", "“学校经办人”只能设在技工院校")]
    [InlineData("zhao.wu", "city_reviewer", "150100-01", "roles", "“盟市审核人”只能设在盟市人社局")]
    public async Task Create_BadInput_Is400WithAChineseFieldErrorAndNoAccount(string userName, string role, string orgId, string field, string words)
    {
        using var admin = await host.SignInAsync("admin");
        var before = await host.Factory.QueryHostAsync(db => db.Users.CountAsync());

        var response = await admin.PostAsJsonAsync("/api/users", NewUser(userName, "赵某", orgId, role));

        await AssertFieldErrorAsync(response, field, words);
        Assert.Equal(before, await host.Factory.QueryHostAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [InlineData("short1", "至少需要 8 个字符")]
    [InlineData("abcdefgh", "数字")]
    [InlineData("ABCDEFG1", "小写字母")]
    [InlineData("abcdefg1", "大写字母")]
    public async Task Create_WeakPassword_IsRefusedWithIdentitysRuleInChinese(string password, string words)
    {
        using var admin = await host.SignInAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/users", NewUser("weak.password", "弱密码", "150100-01", "school_applicant", password));

        await AssertFieldErrorAsync(response, "password", words);
        Assert.False(await host.Factory.QueryHostAsync(db => db.Users.AnyAsync(u => u.UserName == "weak.password")));
    }

    [Fact]
    public async Task Lock_LockedUserCannotSignIn_UnlockedUserCan()
    {
        using var admin = await host.SignInAsync("admin");
        var id = await CreateAsync(admin, "locked.one", "150100-02", "school_applicant");

        var locked = await ReadAsync(await admin.PostAsync($"/api/users/{id}/lock", null));

        Assert.Equal(("disabled", "已停用"), (locked["status"]!.GetValue<string>(), locked["statusName"]!.GetValue<string>()));
        using var client = host.Factory.CreateClient();
        var refused = await client.PostAsJsonAsync("/api/auth/login", new { userName = "locked.one", password = FirstPassword });
        await AssertProblemAsync(refused, HttpStatusCode.Locked);
        Assert.Contains("已被管理员停用", (await ReadAsync(refused))["detail"]!.GetValue<string>());
        var unlocked = await ReadAsync(await admin.PostAsync($"/api/users/{id}/unlock", null));
        Assert.Equal("active", unlocked["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("locked.one", FirstPassword)).Status);
        Assert.Equal(["user-locked", "user-unlocked"],
            await host.Factory.QueryHostAsync(db => db.Audit.Where(a => a.Target == "locked.one" && a.Action.StartsWith("user-")
                && a.Action != "user-created").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Lock_OwnAccount_IsRefused()
    {
        using var admin = await host.SignInAsync("admin");
        var id = await host.Factory.UserIdAsync("admin");

        await AssertProblemAsync(await admin.PostAsync($"/api/users/{id}/lock", null), HttpStatusCode.Conflict);
        await AssertFieldErrorAsync(await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "系统管理员", orgId = "150000", roles = new List<string> { "province_reviewer" } }),
            "roles", "不能取消自己的系统管理员角色");
    }

    [Fact]
    public async Task ResetPassword_NewOneWorksTheOldOneNot_AWeakOneLeavesTheOld()
    {
        using var admin = await host.SignInAsync("admin");
        var id = await CreateAsync(admin, "forgetful", "150100-03", "school_applicant");

        await AssertFieldErrorAsync(await admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "123" }), "password", "至少需要 8 个字符");
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("forgetful", FirstPassword)).Status);
        var reset = await admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "Xinmima#2027" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("forgetful", FirstPassword)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("forgetful", "Xinmima#2027")).Status);
        var audit = await host.Factory.QueryHostAsync(db => db.Audit.SingleAsync(a => a.Action == "user-password-reset" && a.Target == "forgetful"));
        Assert.DoesNotContain("Xinmima", audit.Data);
    }

    [Fact]
    public async Task Update_MovesToTheCityWithANewRole_TheNextSignInHasThemAndItIsAudited()
    {
        using var admin = await host.SignInAsync("admin");
        var id = await CreateAsync(admin, "moving.on", "150100-04", "school_applicant");

        var response = await admin.PutAsJsonAsync($"/api/users/{id}",
            new { displayName = "调任审核员", email = "moving@demo.invalid", orgId = "150100", roles = new List<string> { "city_reviewer", "expert" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await ReadAsync(response);
        Assert.Equal(["盟市审核人", "评审专家"], changed["roles"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        var (_, me) = await SignInAsync("moving.on", FirstPassword);
        Assert.Equal(("调任审核员", "150100"), (me!["displayName"]!.GetValue<string>(), me["org"]!["id"]!.GetValue<string>()));
        var audit = JsonNode.Parse((await host.Factory.QueryHostAsync(db => db.Audit.SingleAsync(a => a.Action == "user-changed" && a.Target == "moving.on"))).Data)!;
        Assert.Equal(("150100-04", "150100"), (audit["before"]!["orgId"]!.GetValue<string>(), audit["after"]!["orgId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_ByOrganisationSubtreeAndWords_PagedWithChineseRoleNames()
    {
        using var admin = await host.SignInAsync("admin");

        var hohhot = (await admin.GetFromJsonAsync<JsonObject>("/api/users?orgId=150100&pageSize=100"))!;
        var names = hohhot["items"]!.AsArray().Select(u => u!["userName"]!.GetValue<string>()).ToList();
        Assert.Contains("hohhot", names);
        Assert.Contains("school", names);
        Assert.Contains("education", names);
        Assert.DoesNotContain("baotou", names);
        Assert.DoesNotContain("admin", names);

        var search = (await admin.GetFromJsonAsync<JsonObject>("/api/users?q=" + Uri.EscapeDataString("包头") + "&pageSize=1"))!;
        Assert.Single(search["items"]!.AsArray());
        Assert.True(search["total"]!.GetValue<int>() >= 3);
        var baotou = (await admin.GetFromJsonAsync<JsonObject>("/api/users?q=baotou"))!["items"]![0]!;
        Assert.Equal(("包头市人社局审核员", "盟市审核人"), (baotou["displayName"]!.GetValue<string>(), baotou["roles"]![0]!["name"]!.GetValue<string>()));
        await AssertFieldErrorAsync(await admin.GetAsync("/api/users?orgId=nowhere"), "orgId", "不存在");
        await AssertFieldErrorAsync(await admin.GetAsync("/api/users?pageSize=1000"), "pageSize", "每页条数");
    }

    [Fact]
    public async Task Roles_AreListedWithChineseNames()
    {
        using var admin = await host.SignInAsync("admin");

        var roles = (await admin.GetFromJsonAsync<JsonArray>("/api/roles"))!;

        Assert.Contains(roles, r => r!["code"]!.GetValue<string>() == "finance_officer" && r["name"]!.GetValue<string>() == "财政局经办人");
    }

    [Fact]
    public async Task Everything_CityReviewer_Is403AndNothingChanges()
    {
        using var city = await host.SignInAsync("hohhot");
        var school = await host.Factory.UserIdAsync("school");
        var before = await host.Factory.QueryHostAsync(db => db.Users.CountAsync());

        foreach (var response in new[]
                 {
                     await city.GetAsync("/api/users"),
                     await city.GetAsync("/api/roles"),
                     await city.PostAsJsonAsync("/api/users", NewUser("sneaky", "越权", "150100-01", "school_applicant")),
                     await city.PutAsJsonAsync($"/api/users/{school}", new { displayName = "越权", orgId = "150100-01", roles = new List<string> { "school_applicant" } }),
                     await city.PostAsync($"/api/users/{school}/lock", null),
                     await city.PostAsJsonAsync($"/api/users/{school}/password", new { password = "Yuequan#2026" }),
                 })
        {
            await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await host.Factory.QueryHostAsync(db => db.Users.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("school", DemoData.Password)).Status);
    }

    private static object NewUser(string userName, string displayName, string orgId, string role, string password = FirstPassword) => new
    {
        userName, displayName, orgId, roles = role.Length == 0 ? Array.Empty<string>() : [role], password,
    };

    private static async Task<string> CreateAsync(HttpClient admin, string userName, string orgId, string role)
    {
        var response = await admin.PostAsJsonAsync("/api/users", NewUser(userName, userName, orgId, role));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync(response))["id"]!.GetValue<string>();
    }

    /// <summary>Signs in as anyone: the sign-in status and, when it worked, /api/auth/me.</summary>
    private async Task<(HttpStatusCode Status, JsonObject? Me)> SignInAsync(string userName, string password)
    {
        using var client = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        return response.IsSuccessStatusCode
            ? (response.StatusCode, await client.GetFromJsonAsync<JsonObject>("/api/auth/me"))
            : (response.StatusCode, null);
    }
}
