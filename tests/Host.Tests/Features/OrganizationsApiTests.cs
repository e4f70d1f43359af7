using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>The organisation tree: read by everyone within their subtree, schools and bureaus added and renamed by administrators.</summary>
public sealed class OrganizationsApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task List_Administrator_SeesTheWholeTreeWithChineseNames()
    {
        using var admin = await host.SignInAsync("admin");

        var tree = (await admin.GetFromJsonAsync<JsonObject>("/api/organizations"))!;

        var items = tree["items"]!.AsArray();
        Assert.Contains(items, o => Id(o) == "150000" && o!["parentId"] is null && o["kindName"]!.GetValue<string>() == "自治区人社厅");
        var school = Assert.Single(items, o => Id(o) == "150100-01")!;
        Assert.Equal(("呼和浩特技师学院", "技工院校", "技师学院", "150100", "/150000/150100/150100-01/"),
            (school["name"]!.GetValue<string>(), school["kindName"]!.GetValue<string>(), school["schoolTypeName"]!.GetValue<string>(),
             school["parentId"]!.GetValue<string>(), school["path"]!.GetValue<string>()));
        Assert.Equal(1, school["users"]!.GetValue<int>());
        Assert.Contains(items, o => Id(o) == "150200-01");
        Assert.Equal(["School", "EducationBureau", "FinanceBureau"], tree["addableKinds"]!.AsArray().Select(k => k!["code"]!.GetValue<string>()));
        Assert.Contains(tree["schoolTypes"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "高级技工学校");
    }

    [Fact]
    public async Task List_CityReviewer_SeesOnlyTheirCitysSubtree()
    {
        using var city = await host.SignInAsync("hohhot");

        var items = (await city.GetFromJsonAsync<JsonObject>("/api/organizations"))!["items"]!.AsArray();

        Assert.All(items, o => Assert.StartsWith("/150000/150100/", o!["path"]!.GetValue<string>()));
        Assert.Contains(items, o => Id(o) == "150100-edu");
        Assert.Contains(items, o => Id(o) == "150100-06");
        Assert.DoesNotContain(items, o => Id(o) == "150000" || Id(o) == "150200-01");
    }

    [Fact]
    public async Task Add_SchoolUnderACity_HasItsPathJoinsTheCitysSubtreeAndIsAudited()
    {
        using var admin = await host.SignInAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/organizations",
            new { id = "150100-21", name = "呼和浩特新能源技工学校", kind = "School", schoolType = "TechnicalSchool", parentId = "150100" });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var added = await ReadAsync(response);
        Assert.Equal(("/150000/150100/150100-21/", "技工学校"), (added["path"]!.GetValue<string>(), added["schoolTypeName"]!.GetValue<string>()));
        using var city = await host.SignInAsync("hohhot");
        var seen = (await city.GetFromJsonAsync<JsonObject>("/api/organizations"))!["items"]!.AsArray();
        Assert.Contains(seen, o => Id(o) == "150100-21" && o!["name"]!.GetValue<string>() == "呼和浩特新能源技工学校");
        var audit = await host.Factory.QueryHostAsync(db => db.Audit.SingleAsync(a => a.Action == "organization-added" && a.Target == "150100-21"));
        Assert.Equal("150100", JsonNode.Parse(audit.Data)!["parentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Add_BureauUnderACityWithoutOne_IsAdded()
    {
        using var admin = await host.SignInAsync("admin");
        await host.Factory.QueryHostAsync(db => db.Organizations.Where(o => o.Id == "152900-fin").ExecuteDeleteAsync());

        var response = await admin.PostAsJsonAsync("/api/organizations",
            new { id = "152900-fin", name = "阿拉善盟财政局", kind = "FinanceBureau", parentId = "152900" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("财政局", (await ReadAsync(response))["kindName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("150100-01", "重名测试学校", "School", "TechnicalSchool", "150100", "id", "已被使用")]
    [InlineData("150100-31", "新学校", "School", "TechnicalSchool", "159999", "parentId", "不存在")]
    [InlineData("150000-31", "新学校", "School", "TechnicalSchool", "150000", "parentId", "盟市")]
    [InlineData("150100-32", "新学校", "School", "TechnicalSchool", "150100-01", "parentId", "盟市")]
    [InlineData("150100-33", "新学校", "School", null, "150100", "schoolType", "办学类型")]
    [InlineData("150100-34", "新学校", "School", "University", "150100", "schoolType", "办学类型")]
    [InlineData("150100-35", "新学校", "Province", null, "150100", "kind", "机构类别")]
    [InlineData("150100-edu2", "呼和浩特市第二教育局", "EducationBureau", null, "150100", "kind", "已有教育局")]
    [InlineData("150100-36", "某财政局", "FinanceBureau", "TechnicalSchool", "150100", "schoolType", "只有技工院校")]
    [InlineData("150100 37", "新学校", "School", "TechnicalSchool", "150100", "id", "机构编号")]
    [InlineData("150100-38", "  ", "School", "TechnicalSchool", "150100", "name", "机构名称")]
    [InlineData("150100-39", "呼和浩特技师学院", "School", "TechnicianCollege", "150100", "name", "已有名为")]
    public async Task Add_BadInput_Is400WithAChineseFieldErrorAndNothingIsAdded(
        string id, string name, string kind, string? schoolType, string parentId, string field, string words)
    {
        using var admin = await host.SignInAsync("admin");
        var before = await host.Factory.QueryHostAsync(db => db.Organizations.CountAsync());

        var response = await admin.PostAsJsonAsync("/api/organizations", new { id, name, kind, schoolType, parentId });

        await AssertFieldErrorAsync(response, field, words);
        Assert.Equal(before, await host.Factory.QueryHostAsync(db => db.Organizations.CountAsync()));
    }

    [Fact]
    public async Task Update_RenamesAndRetypesASchool_KeepsItsPlaceAndIsAudited()
    {
        using var admin = await host.SignInAsync("admin");

        var response = await admin.PutAsJsonAsync("/api/organizations/150300-04", new { name = "乌海交通技师学院", schoolType = "TechnicianCollege" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await ReadAsync(response);
        Assert.Equal(("乌海交通技师学院", "技师学院", "/150000/150300/150300-04/"),
            (changed["name"]!.GetValue<string>(), changed["schoolTypeName"]!.GetValue<string>(), changed["path"]!.GetValue<string>()));
        var audit = JsonNode.Parse((await host.Factory.QueryHostAsync(db =>
            db.Audit.SingleAsync(a => a.Action == "organization-changed" && a.Target == "150300-04"))).Data)!;
        Assert.Equal(("乌海交通高级技工学校", "乌海交通技师学院"),
            (audit["before"]!["name"]!.GetValue<string>(), audit["after"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Update_SchoolWithoutAType_BureauWithOne_UnknownId_AreRefused()
    {
        using var admin = await host.SignInAsync("admin");

        await AssertFieldErrorAsync(await admin.PutAsJsonAsync("/api/organizations/150400-01", new { name = "赤峰技师学院" }), "schoolType", "须选择办学类型");
        await AssertFieldErrorAsync(
            await admin.PutAsJsonAsync("/api/organizations/150400-edu", new { name = "赤峰市教育局", schoolType = "TechnicalSchool" }), "schoolType", "只有技工院校");
        await AssertProblemAsync(await admin.PutAsJsonAsync("/api/organizations/nowhere", new { name = "无" }), HttpStatusCode.NotFound);
        Assert.Equal("赤峰技师学院", await host.Factory.QueryHostAsync(db => db.Organizations.Where(o => o.Id == "150400-01").Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task Write_CityReviewer_Is403AndNothingChanges()
    {
        using var city = await host.SignInAsync("hohhot");

        var added = await city.PostAsJsonAsync("/api/organizations",
            new { id = "150100-41", name = "越权学校", kind = "School", schoolType = "TechnicalSchool", parentId = "150100" });
        var renamed = await city.PutAsJsonAsync("/api/organizations/150100-02", new { name = "越权改名", schoolType = "TechnicianCollege" });

        await AssertProblemAsync(added, HttpStatusCode.Forbidden);
        await AssertProblemAsync(renamed, HttpStatusCode.Forbidden);
        Assert.False(await host.Factory.QueryHostAsync(db => db.Organizations.AnyAsync(o => o.Id == "150100-41" || o.Name == "越权改名")));
    }

    [Fact]
    public async Task Write_WithoutTheAntiforgeryHeader_Is400()
    {
        using var admin = await host.SignInAsync("admin");
        admin.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");

        var response = await admin.PostAsJsonAsync("/api/organizations",
            new { id = "150100-42", name = "无令牌学校", kind = "School", schoolType = "TechnicalSchool", parentId = "150100" });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.False(await host.Factory.QueryHostAsync(db => db.Organizations.AnyAsync(o => o.Id == "150100-42")));
    }

    private static string Id(JsonNode? organization) => organization!["id"]!.GetValue<string>();

    internal static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field, string words)
    {
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await ReadAsync(response))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected an error for “{field}”, got {errors.ToJsonString()}");
        Assert.Contains(words, errors[field]![0]!.GetValue<string>());
        Assert.All(errors, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Value![0]!.GetValue<string>()));
    }
}
