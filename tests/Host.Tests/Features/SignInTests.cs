using System.Net;
using System.Net.Http.Json;
using Approvals.Host.Startup;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

public sealed class SignInTests : IDisposable
{
    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        await using var factory = new HostFactory(databaseFile);
        using var client = factory.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { userName = "school", password = "wrong-password" }), HttpStatusCode.Unauthorized);
        }

        await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { userName = "school", password = "wrong-password" }), HttpStatusCode.Locked);

        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = "school", password = DemoData.Password });

        await AssertProblemAsync(response, HttpStatusCode.Locked);
        Assert.Contains("锁定", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_MoreAttemptsPerMinuteThanAllowed_Is429()
    {
        await using var factory = new HostFactory(databaseFile) { Settings = new Dictionary<string, string?> { ["Approvals:SignInAttemptsPerMinute"] = "3" } };
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { userName = "nobody", password = "x" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Me_AfterSigningIn_NamesTheOrganisationAndRoleInChinese()
    {
        await using var factory = new HostFactory(databaseFile);
        using var client = await factory.SignInAsync("hohhot");

        var me = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/auth/me");

        Assert.Equal("呼和浩特市人力资源和社会保障局", me!["org"]!["name"]!.GetValue<string>());
        Assert.Equal("盟市审核人", me["roles"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task FirstStart_WithoutDemoData_CreatesOnlyTheConfiguredAdministrator()
    {
        await using var factory = new HostFactory(databaseFile)
        {
            Settings = new Dictionary<string, string?> { ["Approvals:DemoData"] = "false", ["Approvals:AdministratorPassword"] = "Strong#Admin2026" },
        };
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { userName = "admin", password = "Strong#Admin2026" })).StatusCode);
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { userName = "school", password = DemoData.Password }), HttpStatusCode.Unauthorized);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }
}
