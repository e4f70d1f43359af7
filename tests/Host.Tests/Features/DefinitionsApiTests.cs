using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests.Features;

public sealed class DefinitionsApiTests : IDisposable
{
    private const string Shipped = "major-addition-filing";

    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    [Fact]
    public async Task List_SignedInSchool_SeesTheShippedProcessAtVersion1()
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");

        var list = await school.GetFromJsonAsync<JsonArray>("/api/definitions");

        var filing = Assert.Single(list!, d => d!["id"]!.GetValue<string>() == Shipped)!;
        Assert.Equal("专业增设备案", filing["name"]!.GetValue<string>());
        Assert.StartsWith("技工院校在《技工院校专业目录》内增设", filing["description"]!.GetValue<string>());
        Assert.Equal(1, filing["latestVersion"]!.GetValue<int>());
        Assert.Equal("系统加载", filing["publishedByName"]!.GetValue<string>());
        Assert.False(filing["hasDraft"]!.GetValue<bool>());
        Assert.Equal(0, filing["runningCases"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_NotSignedIn_Is401()
    {
        await using var factory = new HostFactory(databaseFile);

        var response = await factory.CreateClient().GetAsync(new Uri("/api/definitions", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_Latest_ReturnsTheWholeDefinitionAndItsVersion()
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");

        var view = await school.GetFromJsonAsync<JsonObject>($"/api/definitions/{Shipped}");

        Assert.Equal(1, view!["version"]!.GetValue<int>());
        Assert.Equal(1, view["latestVersion"]!.GetValue<int>());
        var definition = view["definition"]!;
        Assert.Equal(Shipped, definition["id"]!.GetValue<string>());
        Assert.Equal(1, definition["version"]!.GetValue<int>());
        Assert.Contains(definition["nodes"]!.AsArray(), n => n!["id"]!.GetValue<string>() == "city");
        Assert.Equal("专业增设备案申请表", definition["forms"]![0]!["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/definitions/no-such-process")]
    [InlineData("/api/definitions/major-addition-filing?version=7")]
    [InlineData("/api/definitions/no-such-process/versions")]
    [InlineData("/api/definitions/major-addition-filing/diff?from=1&to=2")]
    public async Task Get_Unknown_Is404ProblemDetailsInChinese(string url)
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");

        var response = await school.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("未找到", problem!["title"]!.GetValue<string>());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/definitions/major-addition-filing?version=abc", "version")]
    [InlineData("/api/definitions/major-addition-filing?version=0", "version")]
    [InlineData("/api/definitions/major-addition-filing/diff?to=1", "from")]
    public async Task Get_BadQuery_Is400WithTheField(string url, string field)
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");

        var response = await school.GetAsync(new Uri(url, UriKind.Relative));

        await AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Catalogue_IsNotTakenForADefinitionId_AndDescribesEveryActivity()
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");

        var catalogue = (await school.GetFromJsonAsync<JsonArray>("/api/definitions/catalogue"))!;

        var kinds = catalogue.Select(a => a!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("Start", kinds);
        Assert.Contains("End", kinds);
        var approval = catalogue.Single(a => a!["kind"]!.GetValue<string>() == "Approval")!;
        Assert.Equal("审批", approval["displayName"]!.GetValue<string>());
        Assert.Equal("人工环节", approval["category"]!.GetValue<string>());
        Assert.True(approval["blocking"]!.GetValue<bool>());
        var assignee = approval["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "assignee")!;
        Assert.Equal("assignee", assignee["type"]!.GetValue<string>());
        Assert.Equal("assignee", assignee["editor"]!.GetValue<string>());
        Assert.True(assignee["required"]!.GetValue<bool>());
        var resubmitTo = approval["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "resubmitTo")!;
        Assert.Equal("returner", resubmitTo["default"]!.GetValue<string>());
        Assert.Equal(["returner", "start"], resubmitTo["options"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal(["approve", "reject", "return"], approval["outcomes"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));

        // The palette's order: the basic steps first, each process's own calculations last.
        var categories = catalogue.Select(a => a!["category"]!.GetValue<string>()).Distinct().ToList();
        Assert.Equal(["基础", "人工环节", "流程控制", "时间", "数据", "业务"], categories);
    }

    [Fact]
    public async Task AssigneeOptions_Administrator_GetsEveryRoleAndTheEngineOrgKeywords()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var options = (await admin.GetFromJsonAsync<JsonObject>("/api/definitions/assignee-options"))!;

        var roles = options["roles"]!.AsArray();
        Assert.Equal(Roles.Names.Keys.Order(), roles.Select(r => r!["name"]!.GetValue<string>()).Order());
        var city = roles.Single(r => r!["name"]!.GetValue<string>() == "city_reviewer")!;
        Assert.Equal("盟市审核人", city["displayName"]!.GetValue<string>());
        Assert.Equal("City", city["orgKind"]!.GetValue<string>());
        Assert.Null(roles.Single(r => r!["name"]!.GetValue<string>() == "expert")!["orgKind"]);
        var orgs = options["orgs"]!.AsArray().ToDictionary(o => o!["path"]!.GetValue<string>(), o => o!["displayName"]!.GetValue<string>());
        Assert.Equal("申请单位本身", orgs["initiator"]);
        Assert.Equal("申请单位的上级（盟市人社局）", orgs["initiator.parent"]);
        Assert.Equal("盟市教育局", orgs["initiator.parent.bureau:education"]);
        Assert.Equal("盟市财政局", orgs["initiator.parent.bureau:finance"]);
        Assert.Equal("表单字段指定的单位", orgs["form.{field}"]);
        // Every org the shipped processes name is one of the options, with its field filled in.
        var shipped = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "definitions"), "*.json")
            .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["nodes"]!.AsArray())
            .SelectMany(n => n!["inputs"] is JsonObject inputs ? inputs.Select(i => i.Value) : [])
            .SelectMany(v => v is JsonArray list ? list.AsEnumerable() : Enumerable.Repeat(v, 1))
            .Select(v => v is JsonObject o && o["org"] is JsonValue org ? org.GetValue<string>() : null)
            .OfType<string>()
            .Distinct()
            .ToList();
        Assert.NotEmpty(shipped);
        Assert.All(shipped, org => Assert.Contains(orgs.Keys, path => path == org || path.Replace("{field}", "schoolId", StringComparison.Ordinal) == org));
    }

    [Theory]
    [InlineData("form.amount > 10 && vars.level === 'national'")]
    [InlineData("let x = 2; x * 3")]
    public async Task CheckExpression_Valid_IsValidWithNoError(string expression)
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var check = await ReadAsync(await admin.PostAsJsonAsync("/api/definitions/expressions/check", new { expression }));

        Assert.True(check["valid"]!.GetValue<bool>());
        Assert.Null(check["error"]);
    }

    [Fact]
    public async Task CheckExpression_SyntaxError_IsInvalidWithAChineseMessage()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var check = await ReadAsync(await admin.PostAsJsonAsync("/api/definitions/expressions/check", new { expression = "form.amount >" }));

        Assert.False(check["valid"]!.GetValue<bool>());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", check["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task CheckExpression_NeverRunsTheExpression()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var check = await ReadAsync(await admin.PostAsJsonAsync("/api/definitions/expressions/check", new { expression = "while (true) {}" }));

        Assert.True(check["valid"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"expression": ""}""")]
    [InlineData("""{"expression": "   "}""")]
    public async Task CheckExpression_Empty_Is400WithTheField(string body)
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var response = await admin.PostAsync(new Uri("/api/definitions/expressions/check", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertFieldErrorAsync(response, "expression");
    }

    [Theory]
    [InlineData("school")]
    [InlineData("hohhot")]
    public async Task DesignerHelpers_NotAnAdministrator_Is403(string userName)
    {
        await using var factory = new HostFactory(databaseFile);
        var user = await factory.SignInAsync(userName);

        HttpResponseMessage[] responses =
        [
            await user.GetAsync(new Uri("/api/definitions/assignee-options", UriKind.Relative)),
            await user.PostAsJsonAsync("/api/definitions/expressions/check", new { expression = "1 + 1" }),
        ];

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("无权操作", problem!["title"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Validate_ValidDefinition_IsValidWithNoProblems()
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");

        var report = await ReadAsync(await school.PostAsync(new Uri("/api/definitions/validate", UriKind.Relative), Json(Tiny("tiny"))));

        Assert.True(report["valid"]!.GetValue<bool>());
        Assert.Empty(report["problems"]!.AsArray());
    }

    [Fact]
    public async Task Validate_BrokenGraph_ReturnsEveryProblemWithItsNode()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        var definition = Tiny("tiny");
        definition["nodes"]![1]!["inputs"] = new JsonObject();
        definition["edges"]!.AsArray().Add(new JsonObject { ["source"] = "review", ["outcome"] = "maybe", ["target"] = "end" });

        var report = await ReadAsync(await admin.PostAsync(new Uri("/api/definitions/validate", UriKind.Relative), Json(definition)));

        Assert.False(report["valid"]!.GetValue<bool>());
        var problems = report["problems"]!.AsArray().Select(p => (p!["nodeId"]?.GetValue<string>(), p["code"]!.GetValue<string>())).ToList();
        Assert.Contains(("review", "missing-input"), problems);
        Assert.Contains(("review", "unknown-outcome"), problems);
        Assert.All(report["problems"]!.AsArray(), p => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", p!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Validate_GivesEachNodesOutcomesAsTheEngineReadsThem()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        var definition = Tiny("tiny");
        definition["nodes"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "pick", ["kind"] = "Switch",
            ["inputs"] = new JsonObject
            {
                ["cases"] = new JsonArray(new JsonObject { ["outcome"] = "national", ["condition"] = "form.level === 'national'" }),
                ["outcomeNames"] = new JsonObject { ["national"] = "全国" },
            },
        });

        var report = await ReadAsync(await admin.PostAsync(new Uri("/api/definitions/validate", UriKind.Relative), Json(definition)));

        var outcomes = report["outcomes"]!.AsObject();
        Assert.Equal(
            [("approve", "同意"), ("reject", "不同意"), ("return", "退回修改")],
            outcomes["review"]!.AsArray().Select(o => (o!["name"]!.GetValue<string>(), o["displayName"]!.GetValue<string>())));
        Assert.Equal(
            [("national", "全国"), ("default", "其他")],
            outcomes["pick"]!.AsArray().Select(o => (o!["name"]!.GetValue<string>(), o["displayName"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData("""{ "id": "tiny", "nodes": [ """, "body")]
    [InlineData("""[ 1, 2 ]""", "body")]
    [InlineData("", "body")]
    [InlineData("""{ "name": "无标识" }""", "id")]
    [InlineData("""{ "id": "tiny" }""", "name")]
    [InlineData("""{ "id": 42, "name": "数字标识" }""", "id")]
    [InlineData("""{ "id": "tiny", "name": "错类型", "nodes": "start" }""", "nodes")]
    [InlineData("""{ "id": "tiny", "name": "空列表", "nodes": null }""", "nodes")]
    [InlineData("""{ "id": "tiny", "name": "空节点", "nodes": [ null ] }""", "nodes[0]")]
    [InlineData("""{ "id": "tiny", "name": "缺类型", "nodes": [ { "id": "start" } ] }""", "nodes[0].kind")]
    [InlineData("""{ "id": "tiny", "name": "错输入", "nodes": [ { "id": "start", "kind": "Start", "inputs": [] } ] }""", "nodes[0].inputs")]
    [InlineData("""{ "id": "tiny", "name": "空终点", "edges": [ { "source": "start", "outcome": "done", "target": null } ] }""", "edges[0].target")]
    [InlineData("""{ "id": "tiny", "name": "重复键", "nodes": [ { "id": "start", "kind": "Start", "inputs": { "form": "a", "form": "b" } } ] }""", "nodes[0].inputs.form")]
    [InlineData("""{ "id": "tiny", "name": "错分支", "nodes": [ { "id": "pick", "kind": "Switch", "inputs": { "cases": [ 1 ] } } ] }""", "nodes[0].inputs.cases[0]")]
    public async Task Validate_BodyThatIsNotADefinition_Is400WithTheField(string body, string field)
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");

        var response = await school.PostAsync(new Uri("/api/definitions/validate", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Validate_NotJsonContentType_Is415()
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");

        var response = await school.PostAsync(new Uri("/api/definitions/validate", UriKind.Relative),
            new StringContent(Tiny("tiny").ToJsonString(), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Draft_AdministratorSavesAnInvalidOne_IsStoredWithItsProblemsAndAudited()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        var definition = Tiny("new-process", "新流程");
        definition["nodes"]![1]!["inputs"] = new JsonObject();

        var saved = await ReadAsync(await admin.PutAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative), Json(definition)));

        Assert.False(saved["valid"]!.GetValue<bool>());
        Assert.Contains(saved["problems"]!.AsArray(), p => p!["nodeId"]?.GetValue<string>() == "review");
        Assert.Null(saved["latestVersion"]);
        Assert.Equal("系统管理员", saved["updatedByName"]!.GetValue<string>());

        var read = await admin.GetFromJsonAsync<JsonObject>("/api/definitions/new-process/draft");
        Assert.Equal("新流程", read!["definition"]!["name"]!.GetValue<string>());
        Assert.False(read["valid"]!.GetValue<bool>());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDb>();
        var draft = await db.DefinitionDrafts.SingleAsync();
        Assert.Equal(("new-process", "新流程"), (draft.DefinitionId, draft.Name));
        var audit = await db.Audit.SingleAsync(a => a.Action == "definition-draft-saved");
        Assert.Equal("new-process", audit.Target);
        Assert.Equal(await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync(), audit.UserId);
    }

    [Fact]
    public async Task List_DraftOfAnUnpublishedProcess_IsSeenByAdministratorsOnly()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        var school = await factory.SignInAsync("school");
        await admin.PutAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative), Json(Tiny("new-process", "新流程")));
        await admin.PutAsync(new Uri($"/api/definitions/{Shipped}/draft", UriKind.Relative), Json(await ShippedDefinitionAsync(admin)));

        var forAdmin = await admin.GetFromJsonAsync<JsonArray>("/api/definitions");
        var forSchool = await school.GetFromJsonAsync<JsonArray>("/api/definitions");

        var draftOnly = Assert.Single(forAdmin!, d => d!["id"]!.GetValue<string>() == "new-process")!;
        Assert.Null(draftOnly["latestVersion"]);
        Assert.True(draftOnly["hasDraft"]!.GetValue<bool>());
        Assert.DoesNotContain(forSchool!, d => d!["id"]!.GetValue<string>() == "new-process");
        Assert.True(forSchool!.Single(d => d!["id"]!.GetValue<string>() == Shipped)!["hasDraft"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("school", "anyone-may-start,competition-rewards,major-addition-filing")]
    [InlineData("province", "anyone-may-start,quality-school-selection,ythh-batch,ythh-evaluation,ythh-programme")]
    [InlineData("hohhot", "anyone-may-start")]
    [InlineData("admin", "anyone-may-start")]
    public async Task List_CanStart_FollowsTheStartRolesOfTheLatestVersion(string userName, string startable)
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        // Without startRoles anyone signed in may start it; a process only drafted can be started by nobody.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(
            new Uri("/api/definitions/anyone-may-start/publish", UriKind.Relative), Json(Tiny("anyone-may-start")))).StatusCode);
        await admin.PutAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative), Json(Tiny("new-process", "新流程")));
        var user = userName == "admin" ? admin : await factory.SignInAsync(userName);

        var list = (await user.GetFromJsonAsync<JsonArray>("/api/definitions"))!.Select(d => d!).ToList();

        Assert.Equal(startable.Split(','), list.Where(d => d["canStart"]!.GetValue<bool>()).Select(d => d["id"]!.GetValue<string>()));
        Assert.Contains(list, d => d["id"]!.GetValue<string>() == "major-warning" && !d["canStart"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Draft_BodyIdDiffersFromTheAddress_Is400AndNothingIsStored()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var response = await admin.PutAsync(new Uri("/api/definitions/other-process/draft", UriKind.Relative), Json(Tiny("new-process")));

        await AssertFieldErrorAsync(response, "id");
        Assert.Equal((0, 0), await DraftsAndDefinitionAuditAsync(factory));
    }

    [Theory]
    [InlineData("catalogue")]
    [InlineData("assignee-options")]
    public async Task Draft_ReservedId_Is400(string id)
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var response = await admin.PutAsync(new Uri($"/api/definitions/{id}/draft", UriKind.Relative), Json(Tiny(id)));

        await AssertFieldErrorAsync(response, "id");
    }

    [Fact]
    public async Task Draft_Deleted_IsGoneAndAudited()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        await admin.PutAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative), Json(Tiny("new-process")));

        var deleted = await admin.DeleteAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative));
        var again = await admin.DeleteAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative))).StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDb>();
        Assert.Empty(await db.DefinitionDrafts.ToListAsync());
        Assert.Single(await db.Audit.Where(a => a.Action == "definition-draft-deleted" && a.Target == "new-process").ToListAsync());
    }

    [Theory]
    [InlineData("school")]
    [InlineData("hohhot")]
    public async Task DraftAndPublish_NotAnAdministrator_Is403AndNothingIsWritten(string userName)
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        await admin.PutAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative), Json(Tiny("new-process", "管理员草稿")));
        var before = await DraftsAndDefinitionAuditAsync(factory);
        var versionsBefore = await VersionCountAsync(factory);
        var user = await factory.SignInAsync(userName);

        HttpResponseMessage[] responses =
        [
            await user.GetAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative)),
            await user.PutAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative), Json(Tiny("new-process", "改写"))),
            await user.PutAsync(new Uri("/api/definitions/another/draft", UriKind.Relative), Json(Tiny("another"))),
            await user.DeleteAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative)),
            await user.PostAsync(new Uri("/api/definitions/new-process/publish", UriKind.Relative), null),
            await user.PostAsync(new Uri("/api/definitions/tiny/publish", UriKind.Relative), Json(Tiny("tiny"))),
        ];

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("无权操作", problem!["title"]!.GetValue<string>());
        }

        Assert.Equal(before, await DraftsAndDefinitionAuditAsync(factory));
        Assert.Equal(versionsBefore, await VersionCountAsync(factory));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal("管理员草稿", (await scope.ServiceProvider.GetRequiredService<ApprovalsDb>().DefinitionDrafts.SingleAsync()).Name);
    }

    [Fact]
    public async Task Publish_Draft_BecomesVersion1AndTheDraftIsGone()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        await admin.PutAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative), Json(Tiny("new-process", "新流程")));

        var response = await admin.PostAsync(new Uri("/api/definitions/new-process/publish", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/definitions/new-process?version=1", response.Headers.Location?.OriginalString);
        var published = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(1, published!["version"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative))).StatusCode);
        var view = await admin.GetFromJsonAsync<JsonObject>("/api/definitions/new-process");
        Assert.Equal("系统管理员", view!["publishedByName"]!.GetValue<string>());

        await using var scope = factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<ApprovalsDb>().Audit.SingleAsync(a => a.Action == "definition-published");
        Assert.Equal("new-process", audit.Target);
        Assert.Equal(1, JsonNode.Parse(audit.Data)!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Publish_InvalidDraft_Is400KeyedByNodeAndKeepsTheDraft()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        var definition = Tiny("new-process", "");
        definition["nodes"]![1]!["inputs"] = new JsonObject();
        await admin.PutAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative), Json(definition));

        var response = await admin.PostAsync(new Uri("/api/definitions/new-process/publish", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("review"));
        Assert.True(errors.ContainsKey("definition"));
        Assert.Equal(0, await VersionCountAsync(factory, "new-process"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative))).StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<ApprovalsDb>().Audit.Where(a => a.Action == "definition-published").ToListAsync());
    }

    [Fact]
    public async Task Publish_NoDraftAndNoBody_Is404()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var response = await admin.PostAsync(new Uri("/api/definitions/new-process/publish", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Publish_MalformedBody_Is400AndNothingIsPublished()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var response = await admin.PostAsync(new Uri($"/api/definitions/{Shipped}/publish", UriKind.Relative),
            new StringContent("""{ "id": "major-addition-filing", "name": 5 }""", Encoding.UTF8, "application/json"));

        await AssertFieldErrorAsync(response, "name");
        Assert.Equal(1, await VersionCountAsync(factory, Shipped));
    }

    [Fact]
    public async Task Publish_Version2WhileACaseRunsOnVersion1_VersionsCountItAndDiffShowsTheChange()
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");
        var admin = await factory.SignInAsync("admin");
        await StartFilingAsync(school);
        var withdrawn = await StartFilingAsync(school);
        var cancelled = await school.PostAsJsonAsync($"/api/cases/{withdrawn}/cancel", new { reason = "重复提交" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var definition = await ShippedDefinitionAsync(admin);
        var city = definition["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "city")!;
        city["name"] = "盟市人社局评估";
        city["inputs"]!["dueInWorkingDays"] = 10;
        definition["nodes"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "notice", ["kind"] = "Timer", ["name"] = "公示",
            ["inputs"] = new JsonObject { ["mode"] = "workingDays", ["days"] = 5 },
        });
        var edges = definition["edges"]!.AsArray();
        edges.Remove(edges.Single(e => e!["source"]!.GetValue<string>() == "province" && e["outcome"]!.GetValue<string>() == "approve"));
        edges.Add(new JsonObject { ["source"] = "province", ["outcome"] = "approve", ["target"] = "notice" });
        edges.Add(new JsonObject { ["source"] = "notice", ["outcome"] = "done", ["target"] = "filed" });

        var published = await admin.PostAsync(new Uri($"/api/definitions/{Shipped}/publish", UriKind.Relative), Json(definition));

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(2, (await published.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());

        var versions = (await school.GetFromJsonAsync<JsonArray>($"/api/definitions/{Shipped}/versions"))!;
        Assert.Equal([2, 1], versions.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal([0, 1], versions.Select(v => v!["runningCases"]!.GetValue<int>()));
        Assert.Equal("系统管理员", versions[0]!["publishedByName"]!.GetValue<string>());

        var list = await school.GetFromJsonAsync<JsonArray>("/api/definitions");
        var summary = list!.Single(d => d!["id"]!.GetValue<string>() == Shipped)!;
        Assert.Equal(2, summary["latestVersion"]!.GetValue<int>());
        Assert.Equal(1, summary["runningCases"]!.GetValue<int>());

        var diff = await school.GetFromJsonAsync<JsonObject>($"/api/definitions/{Shipped}/diff?from=1&to=2");
        var changes = diff!["changes"]!;
        Assert.True(changes["hasChanges"]!.GetValue<bool>());
        Assert.Equal("notice", Assert.Single(changes["addedNodes"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Empty(changes["removedNodes"]!.AsArray());
        var changed = Assert.Single(changes["changedNodes"]!.AsArray())!;
        Assert.Equal("city", changed["id"]!.GetValue<string>());
        Assert.True(changed["nameChanged"]!.GetValue<bool>());
        Assert.False(changed["kindChanged"]!.GetValue<bool>());
        Assert.Equal(["dueInWorkingDays"], changed["changedInputs"]!.AsArray().Select(i => i!.GetValue<string>()));
        Assert.Equal(2, changes["addedEdges"]!.AsArray().Count);
        var removed = Assert.Single(changes["removedEdges"]!.AsArray())!;
        Assert.Equal(("province", "approve", "filed"),
            (removed["source"]!.GetValue<string>(), removed["outcome"]!.GetValue<string>(), removed["target"]!.GetValue<string>()));
        Assert.False(changes["formsChanged"]!.GetValue<bool>());
        Assert.False(changes["variablesChanged"]!.GetValue<bool>());

        var v1 = await school.GetFromJsonAsync<JsonObject>($"/api/definitions/{Shipped}?version=1");
        Assert.Equal(2, v1!["latestVersion"]!.GetValue<int>());
        Assert.Equal("盟市人社局评估推荐", v1["definition"]!["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "city")!["name"]!.GetValue<string>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    /// <summary>Start → one approval by the province → end: the smallest process that passes validation.</summary>
    [Fact]
    public async Task DryRun_ThePublishedProcessOrTheDraft_WalksTheRouteTheSampleChoosesAndWritesNothing()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        var city = await factory.SignInAsync("hohhot");

        var refused = await ReadAsync(await admin.PostAsJsonAsync($"/api/definitions/{Shipped}/dry-run",
            new { form = new JsonObject { ["majorCode"] = "0103" }, choices = new Dictionary<string, string> { ["province"] = "reject" } }));
        await admin.PutAsync(new Uri("/api/definitions/new-process/draft", UriKind.Relative), Json(Tiny("new-process", "新流程")));
        var draft = await ReadAsync(await admin.PostAsJsonAsync("/api/definitions/new-process/dry-run", new { }));
        var broken = Tiny("broken", "坏流程");
        broken["edges"]!.AsArray().RemoveAt(0);
        await admin.PutAsync(new Uri("/api/definitions/broken/draft", UriKind.Relative), Json(broken));
        var brokenRun = await admin.PostAsJsonAsync("/api/definitions/broken/dry-run", new { });

        Assert.Equal(("published", 1, true), (refused["source"]!.GetValue<string>(), refused["version"]!.GetValue<int>(), refused["result"]!["finished"]!.GetValue<bool>()));
        Assert.Equal(["start", "city", "province", "rejected", "end-rejected"],
            refused["result"]!["route"]!.AsArray().Select(s => s!["nodeId"]!.GetValue<string>()));
        var province = refused["result"]!["route"]![2]!;
        Assert.Equal(("reject", "不同意", "sample"), (province["outcome"]!.GetValue<string>(), province["outcomeName"]!.GetValue<string>(), province["chosenBy"]!.GetValue<string>()));
        Assert.Equal("end-rejected", refused["result"]!["endNode"]!.GetValue<string>());
        Assert.Equal(("draft", "approve", "first"), (draft["source"]!.GetValue<string>(),
            draft["result"]!["route"]![1]!["outcome"]!.GetValue<string>(), draft["result"]!["route"]![1]!["chosenBy"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, brokenRun.StatusCode);
        Assert.Equal("流程定义还有问题，改正后才能试运行。", (await brokenRun.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsJsonAsync($"/api/definitions/{Shipped}/dry-run", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/definitions/no-such-process/dry-run", new { })).StatusCode);
        using var scope = factory.Services.CreateScope();
        await using var db = scope.ServiceProvider.GetRequiredService<WorkflowDatabase>().CreateContext();
        Assert.Equal(0, await db.Instances.CountAsync());
    }

    private static JsonObject Tiny(string id, string name = "测试流程") => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["nodes"] = new JsonArray(
            new JsonObject { ["id"] = "start", ["kind"] = "Start" },
            new JsonObject
            {
                ["id"] = "review", ["kind"] = "Approval", ["name"] = "审核",
                ["inputs"] = new JsonObject { ["assignee"] = new JsonObject { ["role"] = "province_reviewer", ["org"] = "150000" } },
            },
            new JsonObject { ["id"] = "end", ["kind"] = "End" }),
        ["edges"] = new JsonArray(
            Edge("start", "done", "review"),
            Edge("review", "approve", "end"),
            Edge("review", "reject", "end")),
    };

    private static JsonObject Edge(string source, string outcome, string target) =>
        new() { ["source"] = source, ["outcome"] = outcome, ["target"] = target };

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonObject> ShippedDefinitionAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/definitions/{Shipped}"))!["definition"]!.DeepClone().AsObject();

    /// <summary>A school's filing case on the shipped process; its id.</summary>
    private static async Task<string> StartFilingAsync(HttpClient school)
    {
        var started = await school.PostAsJsonAsync("/api/cases", new
        {
            definitionId = Shipped,
            form = new
            {
                majorCode = "0208", majorName = "工业机器人应用与维护", teachers = 12, trainingFacilities = "实训中心",
                partnerEnterprise = "某制造企业", labourDemand = "需求旺盛", plannedEnrolment = 40,
            },
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var errors = problem!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected an error for “{field}”, got {errors.ToJsonString()}");
        Assert.All(errors, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Value![0]!.GetValue<string>()));
    }

    private static async Task<(int Drafts, int Audit)> DraftsAndDefinitionAuditAsync(HostFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalsDb>();
        return (await db.DefinitionDrafts.CountAsync(), await db.Audit.CountAsync(a => a.Action.StartsWith("definition-")));
    }

    private static async Task<int> VersionCountAsync(HostFactory factory, string? definitionId = null)
    {
        await using var db = factory.Services.GetRequiredService<WorkflowDatabase>().CreateContext();
        return await db.Definitions.CountAsync(d => definitionId == null || d.DefinitionId == definitionId);
    }
}
