using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>
/// 专业增设备案 and 专业预警与退出 as their users live them, on a fake clock: the school files a major chosen from the
/// catalogue, the city evaluates it item by item against the standard (returning it once), the step runs late and is
/// escalated, the province files it and the major joins the school's list; later the city warns on it, the school
/// rectifies (once sent back), and the major is withdrawn; another warned major is rectified and kept.
/// </summary>
public sealed class MajorProcessesTests : IDisposable
{
    private const string School = "150100-01";
    private static readonly string[] Standard = FilingStandard;

    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    [Fact]
    public async Task MajorFiledThenWarnedAndWithdrawn_EveryStepByItsRole_TheSchoolListFollows()
    {
        await using var factory = new HostFactory(databaseFile) { Clock = ScenarioClock.At(2026, 3, 2) };
        using var applicant = await factory.SignInAsync("school");

        // A code that is not in the catalogue is refused on its field, and nothing is started.
        var cases = await factory.CountCasesAsync();
        var wrong = await applicant.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form = Filing("9999", "自创专业") });
        await AssertProblemAsync(wrong, HttpStatusCode.BadRequest);
        Assert.Contains("列表", (await ReadAsync(wrong))["errors"]!["form.majorCode"]![0]!.GetValue<string>());
        Assert.Equal(cases, await factory.CountCasesAsync());

        var filing = await StartAsync(applicant, Filing("0103", "数控加工"));

        // The city lets the deadline pass: reminded two working days before it, then overdue and escalated to the province.
        // (Sign-in cookies live on the same clock, so everyone signs in after the month has passed.)
        await factory.AdvanceToAsync(ScenarioClock.At(2026, 3, 30).GetUtcNow());
        using var school = await factory.SignInAsync("school");
        using var city = await factory.SignInAsync("hohhot");
        using var province = await factory.SignInAsync("province");
        using var otherSchool = await factory.SignInAsync("school2");
        await ScenarioClock.AssertRemindedAndEscalatedAsync(city, province, filing);

        // An approval over a failing item is refused; the city returns the application with its verdicts.
        var refused = await ActAsync(city, filing, "approve", new { comment = "同意", data = Verdicts(failing: "实训场地与设备") });
        await AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("不符合标准", (await ReadAsync(refused))["errors"]!["data.checklist[2]"]![0]!.GetValue<string>());
        await DecideAsync(city, filing, "return", new { comment = "实训设备不足，请补充", data = Verdicts(failing: "实训场地与设备") });
        await DecideAsync(school, filing, "resubmit", new { comment = "已补充设备采购合同", data = new { trainingFacilities = "数控实训楼 2400 平方米，数控车床 45 台" } });
        await DecideAsync(city, filing, "approve", new { comment = "符合专业设置标准，同意推荐", data = Verdicts() });
        Assert.Empty((await SchoolMajorsAsync(school))["items"]!.AsArray());
        await DecideAsync(province, filing, "approve", new { comment = "予以备案" });

        var view = await GetCaseAsync(school, filing);
        Assert.Equal("Finished", view["status"]!.GetValue<string>());
        var evaluation = await factory.QueryEngineAsync(db => Task.FromResult(db.Instances.Single(i => i.Id == NoticeSteps.CaseId(filing)).Variables));
        Assert.All(JsonNode.Parse(evaluation)!["cityEvaluation"]!["items"]!.AsArray(), i => Assert.Equal("符合", i!["verdict"]!.GetValue<string>()));
        var major = Assert.Single((await SchoolMajorsAsync(school))["items"]!.AsArray())!;
        Assert.Equal(("0103", "数控加工", "active", filing), (Text(major, "code"), Text(major, "name"), Text(major, "status"), Text(major, "caseId")));
        Assert.Single((await SchoolMajorsAsync(city))["items"]!.AsArray());
        await AssertProblemAsync(await otherSchool.GetAsync($"/api/organizations/{School}/majors"), HttpStatusCode.NotFound);

        // A second major filed, and a third refused by the province, so the catalogue has one to keep and one it never took.
        var second = await StartAsync(school, Filing("0208", "工业机器人应用与维护"));
        await DecideAsync(city, second, "approve", new { data = Verdicts() });
        await DecideAsync(province, second, "approve", new { comment = "予以备案" });
        var third = await StartAsync(school, Filing("1001", "电子商务"));
        await DecideAsync(city, third, "approve", new { data = Verdicts() });
        await DecideAsync(province, third, "reject", new { comment = "本地同类专业布点已饱和" });
        Assert.Equal(["0103", "0208"], (await SchoolMajorsAsync(school))["items"]!.AsArray().Select(m => Text(m!, "code")));

        // Filings are the schools' to start; a warning only comes from the action on the school's major below.
        await AssertProblemAsync(await province.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form = Filing("0301", "计算机网络应用") }), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await city.PostAsJsonAsync("/api/cases", new { definitionId = "major-warning", form = new { schoolId = School, majorCode = "0501", majorName = "建筑施工", reason = "其他", detail = "绕过检查" } }), HttpStatusCode.Forbidden);

        // Warning: only a bureau may issue it, only on a major the school runs, and not twice.
        await AssertProblemAsync(await school.PostAsJsonAsync($"/api/organizations/{School}/majors/0103/warning", Warning()), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await city.PostAsJsonAsync($"/api/organizations/{School}/majors/0501/warning", Warning()), HttpStatusCode.NotFound);
        await AssertProblemAsync(await city.PostAsJsonAsync($"/api/organizations/{School}/majors/0103/warning", new { reason = "不想办了", detail = "" }), HttpStatusCode.BadRequest);
        var warning = await ReadAsync(await Created(city.PostAsJsonAsync($"/api/organizations/{School}/majors/0103/warning", Warning())));
        var warned = warning["id"]!.GetValue<string>();
        await AssertProblemAsync(await city.PostAsJsonAsync($"/api/organizations/{School}/majors/0103/warning", Warning()), HttpStatusCode.Conflict);
        Assert.Equal("warning", Text(Major(await SchoolMajorsAsync(school), "0103"), "status"));

        // The school rectifies; the city finds it not enough, sends it back, then refers the major for withdrawal.
        await DecideAsync(school, warned, "complete", new { outcome = "submitted", data = new { rectification = "压缩招生计划" } });
        await DecideAsync(city, warned, "return", new { comment = "整改措施不具体", returnTo = "rectify" });
        await DecideAsync(school, warned, "complete", new { outcome = "submitted", data = new { rectification = "停止招生，在校生转入相近专业" } });
        await DecideAsync(city, warned, "reject", new { comment = "整改不到位，报请退出" });
        await DecideAsync(province, warned, "approve", new { comment = "同意退出" });
        Assert.Equal("withdrawn", Text(Major(await SchoolMajorsAsync(school), "0103"), "status"));
        Assert.Equal("已退出", Text(Major(await SchoolMajorsAsync(school), "0103"), "statusName"));
        Assert.Equal("Finished", (await GetCaseAsync(school, warned))["status"]!.GetValue<string>());

        // The other warned major is rectified and kept.
        var kept = (await ReadAsync(await Created(city.PostAsJsonAsync($"/api/organizations/{School}/majors/0208/warning", Warning()))))["id"]!.GetValue<string>();
        await DecideAsync(school, kept, "complete", new { outcome = "submitted", data = new { rectification = "与企业共建实训基地，就业率回升" } });
        await DecideAsync(city, kept, "approve", new { comment = "整改到位，解除预警" });
        Assert.Equal("active", Text(Major(await SchoolMajorsAsync(school), "0208"), "status"));

        await factory.AssertEveryNodeJournaledAsync("major-addition-filing");
        await factory.AssertEveryNodeJournaledAsync("major-warning");
    }

    private static JsonObject Filing(string code, string name)
    {
        var form = MajorForm(name);
        form["majorCode"] = code;
        return form;
    }

    private static object Warning() => new { reason = "就业率低", detail = "近三年对口就业率低于 60%", employmentRate = 58.5 };

    private static JsonObject Verdicts(string? failing = null) => new()
    {
        ["checklist"] = new JsonArray([.. Standard.Select(item => (JsonNode)new JsonObject
        {
            ["item"] = item, ["verdict"] = item == failing ? "不符合" : "符合", ["note"] = item == failing ? "设备台套数不足" : null,
        })]),
    };

    private static async Task<string> StartAsync(HttpClient school, JsonObject form)
    {
        var response = await Created(school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form }));
        return (await ReadAsync(response))["id"]!.GetValue<string>();
    }

    private static async Task<HttpResponseMessage> Created(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response;
    }

    private static async Task<JsonObject> SchoolMajorsAsync(HttpClient client)
    {
        var response = await client.GetAsync($"/api/organizations/{School}/majors");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    private static JsonNode Major(JsonObject list, string code) => list["items"]!.AsArray().Single(m => Text(m!, "code") == code)!;

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
