using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Startup;

namespace Approvals.Host.Tests.Features;

/// <summary>Every demo role signs in, is told who and where they are, and gets their own work lists.</summary>
public sealed class RolesTests(HostFixture host) : IClassFixture<HostFixture>
{
    public static TheoryData<string, string, string> DemoUsers()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (userName, _, orgId, role) in DemoData.Users)
        {
            data.Add(userName, orgId, role);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task EachRole_SignsInAndReadsItsWorkLists(string userName, string orgId, string role)
    {
        using var client = await host.SignInAsync(userName);

        var me = await client.GetFromJsonAsync<JsonObject>("/api/auth/me");
        Assert.Equal(orgId, me!["org"]!["id"]!.GetValue<string>());
        Assert.Equal(Roles.Names[role], me["roles"]![0]!["name"]!.GetValue<string>());
        foreach (var list in new[] { "todo", "done", "mine", "cc", "overdue" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/tasks?list={list}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }
}
