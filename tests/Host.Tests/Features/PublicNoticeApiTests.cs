using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>公示 through the API: anyone may object, the province handles it, a dismissed objection lets the notice go on.</summary>
public sealed class PublicNoticeApiTests : IDisposable
{
    private readonly string databaseFile = HostFactory.NewDatabaseFile();
    private readonly string definitions = Directory.CreateTempSubdirectory("approvals-notice-").FullName;

    public PublicNoticeApiTests() => File.WriteAllText(Path.Combine(definitions, "notice.json"), """
            {
              "id": "quality-list-notice", "name": "优质技工院校拟认定名单公示",
              "nodes": [
                { "id": "start", "kind": "Start" },
                { "id": "notice", "kind": "PublicNotice", "name": "公示",
                  "inputs": { "days": 5, "title": "拟认定名单公示", "handler": { "role": "province_reviewer", "org": "150000" } } },
                { "id": "end", "kind": "End" },
                { "id": "withdrawn", "kind": "End", "name": "异议成立" }
              ],
              "edges": [
                { "source": "start", "outcome": "done", "target": "notice" },
                { "source": "notice", "outcome": "done", "target": "end" },
                { "source": "notice", "outcome": "objection-upheld", "target": "withdrawn" }
              ]
            }
            """);

    [Fact]
    public async Task Objection_FromAnotherCity_PausesTheNoticeUntilTheProvinceDismissesIt()
    {
        await using var factory = new HostFactory(databaseFile, definitions);
        using var school = await factory.SignInAsync("school");
        var caseId = await StartNoticeAsync(school);
        using var outsider = await factory.SignInAsync("school3");

        await AssertProblemAsync(await outsider.PostAsJsonAsync($"/api/cases/{caseId}/objections", new { reason = "" }), HttpStatusCode.BadRequest);
        var objected = await outsider.PostAsJsonAsync($"/api/cases/{caseId}/objections", new { reason = "申报材料中的合作企业协议已过期" });

        Assert.Equal(HttpStatusCode.OK, objected.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/cases/{caseId}")).StatusCode);
        using var province = await factory.SignInAsync("province");
        var objection = await TodoTaskAsync(province, caseId);
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsJsonAsync($"/api/tasks/{objection}/complete", new { outcome = "dismissed", comment = "协议已续签，异议不成立" })).StatusCode);
        var timeline = (await GetCaseAsync(school, caseId))["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("objection-raised", timeline);
        Assert.Contains("notice-resumed", timeline);
    }

    [Fact]
    public async Task Objection_ToACaseNotOnNoticeTheCallerCannotSee_Is404()
    {
        await using var factory = new HostFactory(databaseFile, definitions);
        using var school = await factory.SignInAsync("school");
        var caseId = await StartNoticeAsync(school);
        using var outsider = await factory.SignInAsync("school3");

        await AssertProblemAsync(await outsider.PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/objections", new { reason = "试探" }), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await outsider.PostAsJsonAsync($"/api/cases/{caseId}/objections", new { reason = "异议" })).StatusCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
        Directory.Delete(definitions, recursive: true);
    }

    private static async Task<string> StartNoticeAsync(HttpClient school)
    {
        var started = await school.PostAsJsonAsync("/api/cases", new { definitionId = "quality-list-notice", form = new JsonObject() });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await ReadAsync(started))["id"]!.GetValue<string>();
    }
}
