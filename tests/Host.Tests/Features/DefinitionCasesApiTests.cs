using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Approvals.Host.Tests.Features;

/// <summary>GET /api/definitions/{id}/cases: which unfinished cases follow which version of a process.</summary>
public sealed class DefinitionCasesApiTests : IDisposable
{
    private const string Shipped = "major-addition-filing";

    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    [Fact]
    public async Task Cases_OneRunningOneCancelled_ListsOnlyTheUnfinishedWithItsStepAndSchool()
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");
        var admin = await factory.SignInAsync("admin");
        var running = await StartFilingAsync(school, "0208");
        var cancelled = await StartFilingAsync(school, "0103");
        Assert.Equal(HttpStatusCode.OK, (await school.PostAsJsonAsync($"/api/cases/{cancelled}/cancel", new { reason = "重复提交" })).StatusCode);

        var page = await admin.GetFromJsonAsync<JsonObject>($"/api/definitions/{Shipped}/cases");

        Assert.Equal(1, page!["total"]!.GetValue<int>());
        var row = Assert.Single(page["items"]!.AsArray())!;
        Assert.Equal(running, row["caseId"]!.GetValue<string>());
        var title = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{running}"))!["title"]!.GetValue<string>();
        Assert.Equal(title, row["title"]!.GetValue<string>());
        Assert.Equal("呼和浩特技师学院", row["applicantOrgName"]!.GetValue<string>());
        Assert.Equal(["盟市人社局评估推荐"], row["currentSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(1, row["version"]!.GetValue<int>());
        Assert.NotEqual(default, row["startedAt"]!.GetValue<DateTime>());
    }

    [Fact]
    public async Task Cases_VersionFilter_SeparatesTheCasesOfVersion1FromThoseOfVersion2()
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");
        var admin = await factory.SignInAsync("admin");
        var onVersion1 = await StartFilingAsync(school, "0208");
        await PublishRenamedCityStepAsync(admin);
        var onVersion2 = await StartFilingAsync(school, "0103");

        var first = await admin.GetFromJsonAsync<JsonObject>($"/api/definitions/{Shipped}/cases?version=1");
        var second = await admin.GetFromJsonAsync<JsonObject>($"/api/definitions/{Shipped}/cases?version=2");
        var all = await admin.GetFromJsonAsync<JsonObject>($"/api/definitions/{Shipped}/cases");

        Assert.Equal([onVersion1], CaseIds(first!));
        Assert.Equal(["盟市人社局评估推荐"], first!["items"]![0]!["currentSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal([onVersion2], CaseIds(second!));
        Assert.Equal(2, second!["items"]![0]!["version"]!.GetValue<int>());
        Assert.Equal(["盟市人社局评估"], second["items"]![0]!["currentSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(2, all!["total"]!.GetValue<int>());
        Assert.Equal(new[] { onVersion1, onVersion2 }.Order(StringComparer.Ordinal), CaseIds(all).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Cases_PageSize1_ReturnsOneRowPerPageAndTheTotal()
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");
        var admin = await factory.SignInAsync("admin");
        var started = new[] { await StartFilingAsync(school, "0208"), await StartFilingAsync(school, "0103") };

        var page1 = await admin.GetFromJsonAsync<JsonObject>($"/api/definitions/{Shipped}/cases?page=1&pageSize=1");
        var page2 = await admin.GetFromJsonAsync<JsonObject>($"/api/definitions/{Shipped}/cases?page=2&pageSize=1");

        Assert.Equal((2, 1, 1), (page1!["total"]!.GetValue<int>(), page1["pageSize"]!.GetValue<int>(), page1["items"]!.AsArray().Count));
        Assert.Equal(2, page2!["pageNumber"]!.GetValue<int>());
        Assert.Equal(started.Order(StringComparer.Ordinal), CaseIds(page1).Concat(CaseIds(page2!)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("school")]
    [InlineData("hohhot")]
    public async Task Cases_NotAnAdministrator_Is403(string userName)
    {
        await using var factory = new HostFactory(databaseFile);
        var user = await factory.SignInAsync(userName);

        var response = await user.GetAsync(new Uri($"/api/definitions/{Shipped}/cases", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("无权操作", (await response.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/definitions/no-such-process/cases", "流程“no-such-process”不存在或尚未发布。")]
    [InlineData("/api/definitions/major-addition-filing/cases?version=9", "流程“major-addition-filing”没有第 9 版（最新为第 1 版）。")]
    public async Task Cases_UnknownDefinitionOrVersion_Is404InChinese(string url, string detail)
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var response = await admin.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Cases_DraftOnlyProcess_Is404()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        var draft = await ShippedDefinitionAsync(admin);
        draft["id"] = "draft-only";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync(new Uri("/api/definitions/draft-only/draft", UriKind.Relative), Json(draft))).StatusCode);

        var response = await admin.GetAsync(new Uri("/api/definitions/draft-only/cases", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("version=0", "version")]
    [InlineData("page=abc", "page")]
    public async Task Cases_BadQuery_Is400WithTheFieldInChinese(string queryString, string field)
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var response = await admin.GetAsync(new Uri($"/api/definitions/{Shipped}/cases?{queryString}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected an error for “{field}”, got {errors.ToJsonString()}");
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", errors[field]![0]!.GetValue<string>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    private static List<string> CaseIds(JsonObject page) => [.. page["items"]!.AsArray().Select(r => r!["caseId"]!.GetValue<string>())];

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonObject> ShippedDefinitionAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/definitions/{Shipped}"))!["definition"]!.DeepClone().AsObject();

    /// <summary>Version 2 of the shipped process: the city's step renamed, nothing else.</summary>
    private static async Task PublishRenamedCityStepAsync(HttpClient admin)
    {
        var definition = await ShippedDefinitionAsync(admin);
        definition["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "city")!["name"] = "盟市人社局评估";
        var published = await admin.PostAsync(new Uri($"/api/definitions/{Shipped}/publish", UriKind.Relative), Json(definition));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
    }

    /// <summary>A school's filing case on the latest version of the shipped process; its id.</summary>
    private static async Task<string> StartFilingAsync(HttpClient school, string majorCode)
    {
        var started = await school.PostAsJsonAsync("/api/cases", new
        {
            definitionId = Shipped,
            form = new
            {
                majorCode, majorName = "工业机器人应用与维护", teachers = 12, trainingFacilities = "实训中心",
                partnerEnterprise = "某制造企业", labourDemand = "需求旺盛", plannedEnrolment = 40,
            },
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }
}
