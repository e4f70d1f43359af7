using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>The reference lists shipped in definitions/lists: read by everyone, kept by administrators, used by forms.</summary>
public sealed class ReferenceListsTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Lists_FirstStart_HoldTheCatalogueAndThe31ConstructionMajors()
    {
        using var school = await host.SignInAsync("school");

        var lists = (await school.GetFromJsonAsync<JsonArray>("/api/reference-lists"))!;

        Assert.Equal(31, lists.Single(l => l!["id"]!.GetValue<string>() == "construction-majors")!["active"]!.GetValue<int>());
        var catalogue = (await school.GetFromJsonAsync<JsonObject>("/api/reference-lists/majors"))!;
        Assert.Equal("技工院校专业目录", catalogue["name"]!.GetValue<string>());
        Assert.Contains(catalogue["items"]!.AsArray(), i => i!["code"]!.GetValue<string>() == "0103" && i["category"]!.GetValue<string>() == "机械类");
        var construction = (await school.GetFromJsonAsync<JsonObject>("/api/reference-lists/construction-majors"))!["items"]!.AsArray();
        var codes = catalogue["items"]!.AsArray().Select(i => i!["code"]!.GetValue<string>()).ToHashSet();
        Assert.All(construction, i => Assert.Contains(i!["code"]!.GetValue<string>(), codes));
        await AssertProblemAsync(await school.GetAsync("/api/reference-lists/no-such-list"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SaveItem_AdministratorAddsAndRetires_OthersAreRefusedAndFormsFollow()
    {
        using var admin = await host.SignInAsync("admin");
        using var school = await host.SignInAsync("school");

        var forbidden = await school.PutAsJsonAsync("/api/reference-lists/majors/items/1301", new { name = "低空飞行器应用" });
        Assert.True(forbidden.StatusCode == HttpStatusCode.Forbidden, await forbidden.Content.ReadAsStringAsync());
        await AssertProblemAsync(await admin.PutAsJsonAsync($"/api/reference-lists/majors/items/{new string('9', 40)}", new { name = "" }), HttpStatusCode.BadRequest);
        var added = await admin.PutAsJsonAsync("/api/reference-lists/majors/items/1301", new { name = "低空飞行器应用" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);

        var form = MajorForm("低空飞行器应用");
        form["majorCode"] = "1301";
        Assert.Equal(HttpStatusCode.Created, (await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form })).StatusCode);

        var retired = await admin.PutAsJsonAsync("/api/reference-lists/majors/items/1301", new { name = "低空飞行器应用", active = false });
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.False((await ReadAsync(retired))["active"]!.GetValue<bool>());
        var refused = await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form });
        await AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.True((await ReadAsync(refused))["errors"]!.AsObject().ContainsKey("form.majorCode"));
        var all = (await school.GetFromJsonAsync<JsonObject>("/api/reference-lists/majors?all=true"))!["items"]!.AsArray();
        Assert.Contains(all, i => i!["code"]!.GetValue<string>() == "1301" && !i["active"]!.GetValue<bool>());
        Assert.Equal(2, await host.Factory.QueryHostAsync(db => Task.FromResult(db.Audit.Count(a => a.Target == "majors/1301"))));
    }
}
