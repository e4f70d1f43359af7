using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>
/// 优质技工院校遴选与奖补 (内人社发〔2022〕91号 十, 辽人社发〔2022〕18号 二十 二十三) through the API as the demo roles: the
/// province's notice with its quotas, self-assessed applications (one refused for want of a long-term partner enterprise),
/// a return for revision, a city over its quota, an overdue review escalated to the province, experts drawn with 回避, the
/// ranking with the cooperation bonus, an objection during 公示, 认定, the funding approved step by step, and two years of
/// assessments in which one school passes to the end of its construction and the other is rectified, fails and exits.
/// </summary>
public sealed class QualitySchoolProcessTests : IDisposable
{
    private static readonly string[] ApplicationCriteria = ["办学条件", "办学质量", "校企合作"];

    private static readonly string[] AssessmentCriteria = ["建设任务完成", "办学质量", "校企合作"];

    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    // Monday 6 March 2023, 09:00 in Beijing: the province issues the notice under 内人社发〔2022〕91号 of 27 December 2022.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2023, 3, 6, 9, 0, 0, SelectionDesk.Beijing));

    [Fact]
    public async Task QualitySchools_FromTheNoticeToFundingAndAssessments_OneSchoolCompletesAndOneExits()
    {
        await using var factory = new HostFactory(databaseFile) { Clock = clock };
        using var desk = new SelectionDesk(factory, clock);
        var batch = await desk.StartCaseAsync("province", "quality-school-selection", new JsonObject
        {
            ["batchName"] = "2023年优质技工院校遴选",
            ["closesAt"] = "2023-03-31",
            ["selectCount"] = 2,
            ["cityQuota"] = 1,
            ["constructionYears"] = 2,
        });

        // 13 March: the schools apply with their self-assessment; a form without a long-term partner is refused as it is filled.
        await desk.AdvanceToAsync(2023, 3, 13, 10);
        var shortPartners = Application(Partner("呼和浩特新办汽修公司", 2, "订单培养"));
        foreach (var path in new[] { "applications/check", "applications" })
        {
            var refused = await desk.PostAsync("school2", $"/api/cases/{batch}/{path}", new { form = shortPartners });
            await AssertProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal("技工院校至少要拥有一个长期合作的企业（辽人社发〔2022〕18号（二十））：“合作企业”中应至少有一家合作满 3 年的企业。",
                (await ReadAsync(refused))["errors"]!["form.partners"]![0]!.GetValue<string>());
        }

        var hohhot = await desk.ApplyAsync("school", batch, Application(Partner("内蒙古第一机械集团有限公司", 6, "订单培养")));
        var technical = await desk.ApplyAsync("school2", batch, Application(Partner("呼和浩特供电公司", 4, "冠名培养")));
        var baotou = await desk.ApplyAsync("school3", batch, Application(Partner("包头钢铁（集团）有限责任公司", 10)));
        var second = await desk.PostAsync("school", $"/api/cases/{batch}/applications", new { form = Application(Partner("伊利集团", 5)) });
        await AssertProblemAsync(second, HttpStatusCode.BadRequest);
        Assert.Equal(1, (await VariableAsync(desk, "school", hohhot, "selfAssessment"))["cooperation"]!["bonus"]!.GetValue<int>());

        // 14 March: 呼和浩特 returns one application; the revision must keep a long-term partner; it recommends one school and
        // is refused a second over its quota.
        await desk.AdvanceToAsync(2023, 3, 14, 10);
        await desk.DecideAsync("hohhot", hohhot, "return", new { comment = "请补充与企业共建产业学院、技能大师工作室的情况" });
        var dropped = await desk.ActAsync("school", hohhot, "resubmit", new { data = new JsonObject { ["partners"] = new JsonArray(Partner("新办企业", 1)) } });
        await AssertProblemAsync(dropped, HttpStatusCode.BadRequest);
        Assert.Contains("合作满 3 年", (await ReadAsync(dropped))["errors"]!["form.partners"]![0]!.GetValue<string>());
        await desk.DecideAsync("school", hohhot, "resubmit", new
        {
            comment = "已补充",
            data = new JsonObject
            {
                ["partners"] = new JsonArray(
                    Partner("内蒙古第一机械集团有限公司", 6, "订单培养", "共建产业学院"),
                    Partner("内蒙古电力（集团）有限责任公司", 3, "共建技能大师工作室")),
            },
        });
        var revised = await VariableAsync(desk, "hohhot", hohhot, "selfAssessment");
        Assert.Equal(3, revised["cooperation"]!["bonus"]!.GetValue<int>());
        Assert.Equal("长期合作企业开展共建产业学院、共建技能大师工作室、订单培养共 3 种合作形式 × 1 分 = 3 分", revised["cooperation"]!["rule"]!.GetValue<string>());
        await desk.DecideAsync("hohhot", hohhot, "complete", new { outcome = "recommend", comment = "推荐" });
        var overQuota = await desk.ActAsync("hohhot", technical, "complete", new { outcome = "recommend" });
        await AssertProblemAsync(overQuota, HttpStatusCode.BadRequest);
        Assert.StartsWith("呼和浩特市本批次的推荐名额为 1 个，已推荐 1 个", (await ReadAsync(overQuota))["errors"]!["quota"]![0]!.GetValue<string>());
        await desk.DecideAsync("hohhot", technical, "complete", new { outcome = "decline", comment = "本市推荐名额已满" });

        // 15 March: the experts drawn for 呼和浩特技师学院 are of other cities; 呼和浩特's own expert is avoided.
        await desk.AdvanceToAsync(2023, 3, 15, 10);
        var expert3 = await factory.UserIdAsync("expert3");
        var drawn = Assert.Single(await desk.TimelineAsync("province", hohhot, "experts-drawn"));
        Assert.Contains(drawn["excluded"]!.AsArray(), e => e!["userId"]!.GetValue<string>() == expert3 && e["reason"]!.GetValue<string>() == "本市回避");
        Assert.DoesNotContain(drawn["drawn"]!.AsArray(), e => e!.GetValue<string>() == expert3);
        await desk.ScoreAsync(hohhot, new Dictionary<string, double> { ["expert1"] = 84, ["expert2"] = 86, ["expert4"] = 85 }, ApplicationCriteria);

        // 24 March: 包头 has not reviewed its school's application; it is reminded before the deadline, then on 29 March the
        // task is overdue and escalated to the province, and 包头 recommends late.
        await desk.AdvanceToAsync(2023, 3, 24, 12);
        Assert.Single(await desk.TimelineAsync("province", baotou, "task-reminded"));
        Assert.Empty(await desk.TimelineAsync("province", baotou, "task-overdue"));
        await desk.AdvanceToAsync(2023, 3, 29, 10);
        Assert.Single(await desk.TimelineAsync("province", baotou, "task-overdue"));
        var escalated = await ListAsync(await desk.AsAsync("province"), "overdue");
        Assert.True(escalated.Single(r => r!["caseId"]!.GetValue<string>() == baotou)!["overdue"]!.GetValue<bool>());
        await desk.DecideAsync("baotou", baotou, "complete", new { outcome = "recommend", comment = "逾期补办，推荐" });
        await desk.ScoreAsync(baotou, new Dictionary<string, double> { ["expert1"] = 87, ["expert2"] = 87, ["expert3"] = 87 }, ApplicationCriteria);

        // 3 April: the window closed at the end of 31 March; the ranking is on public notice. 呼和浩特's experts gave 85, its
        // three forms of cooperation with long-term partners add 3, which puts it ahead of 包头's 87 without a bonus.
        await desk.AdvanceToAsync(2023, 4, 3, 10);
        await AssertProblemAsync(await desk.PostAsync("school2", $"/api/cases/{batch}/applications", new { form = Application(Partner("呼和浩特供电公司", 4)) }),
            HttpStatusCode.Conflict);
        var selection = (await VariableAsync(desk, "province", batch, "selection")).AsArray();
        Assert.Equal([hohhot, baotou, technical], selection.Select(s => s!["caseId"]!.GetValue<string>()));
        Assert.Equal([88.0, 87.0], selection.Take(2).Select(s => s!["score"]!.GetValue<double>()));
        Assert.Equal([true, true, false], selection.Select(s => s!["selected"]!.GetValue<bool>()));
        Assert.Equal("盟市未推荐", selection[2]!["note"]!.GetValue<string>());

        // 4 April: 呼和浩特技工学校 objects during the notice; the province dismisses it on 6 April and the notice runs out.
        await desk.AdvanceToAsync(2023, 4, 4, 10);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsync("school2", $"/api/cases/{batch}/objections",
            new { reason = "包头技师学院与包钢的合作协议已到期" })).StatusCode);
        await desk.AdvanceToAsync(2023, 4, 6, 10);
        await desk.DecideAsync("province", batch, "complete", new { outcome = "dismissed", comment = "经核实协议已续签至2028年，异议不成立" });
        await desk.AdvanceToAsync(2023, 4, 17, 10);
        await desk.DecideAsync("province", batch, "complete", new { outcome = "designate", comment = "认定为自治区优质技工院校" });

        // 18 April: each designated school applies for its funding. 呼和浩特's is approved step by step (city HR bureau,
        // city finance bureau, region) and paid; 包头's city bureau does not support it this year.
        await desk.AdvanceToAsync(2023, 4, 18, 10);
        var hohhotDesignation = await CaseOfAsync(desk, "school", "quality-school-designation");
        var baotouDesignation = await CaseOfAsync(desk, "school3", "quality-school-designation");
        await desk.DecideAsync("school", hohhotDesignation, "complete", new
        {
            outcome = "submit",
            data = new JsonObject { ["plan"] = "建设国家级高技能人才培训基地和产教融合实训基地", ["amountRequested"] = 500 },
        });
        await desk.DecideAsync("hohhot", hohhotDesignation, "approve", new { comment = "建设方案可行" });
        await desk.DecideAsync("finance", hohhotDesignation, "approve", new { comment = "资金使用计划符合规定" });
        await desk.DecideAsync("province", hohhotDesignation, "approve", new { comment = "审定奖补 400 万元", data = new JsonObject { ["approvedAmount"] = 400 } });
        await desk.DecideAsync("finance", hohhotDesignation, "complete", new { outcome = "paid", comment = "已拨付" });
        await desk.DecideAsync("school3", baotouDesignation, "complete", new { outcome = "submit", data = new JsonObject { ["amountRequested"] = 800 } });
        await desk.DecideAsync("baotou", baotouDesignation, "reject", new { comment = "建设方案与资金需求不匹配，本年度不予奖补" });

        // April 2024: the first assessment. 呼和浩特 passes; 包头 scores 70, is rectified, scores 72 and exits.
        await desk.AdvanceToAsync(2024, 4, 22, 10);
        await PassAssessmentAsync(desk, "school", "hohhot", new Dictionary<string, double> { ["expert1"] = 90, ["expert2"] = 92, ["expert4"] = 88 });
        var baotouAssessment = await CaseOfAsync(desk, "school3", "quality-school-assessment");
        await desk.DecideAsync("school3", baotouAssessment, "complete", new { outcome = "submit", data = new JsonObject { ["report"] = "实训基地建设滞后" } });
        await desk.DecideAsync("baotou", baotouAssessment, "approve", new { comment = "如实报送" });
        await desk.ScoreAsync(baotouAssessment, new Dictionary<string, double> { ["expert1"] = 70, ["expert2"] = 70, ["expert3"] = 70 }, AssessmentCriteria);
        await desk.DecideAsync("school3", baotouAssessment, "complete", new { outcome = "submit", data = new JsonObject { ["rectification"] = "已制定整改方案" } });
        await desk.ScoreAsync(baotouAssessment, new Dictionary<string, double> { ["expert1"] = 72, ["expert2"] = 72, ["expert3"] = 72 }, AssessmentCriteria);
        await desk.DecideAsync("province", baotouAssessment, "complete", new { outcome = "revoke", comment = "整改后考核仍不合格，撤销认定" });
        var revoked = await desk.CaseAsync("school3", baotouDesignation);
        Assert.Equal("Finished", revoked["status"]!.GetValue<string>());
        Assert.Equal("revoked", revoked["output"]!["status"]!.GetValue<string>());

        // April 2025: 呼和浩特's second assessment ends its construction period, and with it the batch.
        await desk.AdvanceToAsync(2025, 4, 28, 10);
        await PassAssessmentAsync(desk, "school", "hohhot", new Dictionary<string, double> { ["expert1"] = 91, ["expert2"] = 89, ["expert4"] = 90 });

        var view = await desk.CaseAsync("province", batch);
        Assert.Equal("Finished", view["status"]!.GetValue<string>());
        Assert.Equal(["completed", "revoked"], view["output"]!["designations"]!.AsArray().Select(d => d!["status"]!.GetValue<string>()).Order());
        var completed = await desk.CaseAsync("school", hohhotDesignation);
        Assert.Equal((2, 400), (completed["output"]!["periods"]!.GetValue<int>(), completed["output"]!["approvedAmount"]!.GetValue<int>()));
        // The designation is a standing record of each school, read as the province would.
        var province = await desk.AsAsync("province");
        foreach (var (school, status, name) in new[] { ("150100-01", "completed", "建设期满"), ("150200-01", "revoked", "已撤销认定") })
        {
            var record = Assert.Single((await province.GetFromJsonAsync<JsonObject>($"/api/organizations/{school}/records/quality-schools"))!["items"]!.AsArray())!;
            Assert.Equal((status, name), (record["status"]!.GetValue<string>(), record["statusName"]!.GetValue<string>()));
        }

        var other = await desk.AsAsync("school2");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/api/organizations/150100-01/records/quality-schools")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await province.GetAsync("/api/organizations/150100-01/records/no-such-register")).StatusCode);
        var kinds = view["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("objection-dismissed", kinds);
        Assert.Contains("notice-resumed", kinds);
        Assert.True(view["journalIntact"]!.GetValue<bool>());
        Assert.True(revoked["journalIntact"]!.GetValue<bool>());
        await factory.AssertEveryNodeJournaledAsync("quality-school-selection", notReached: ["exclude"]);
        await factory.AssertEveryNodeJournaledAsync("quality-school-application");
        await factory.AssertEveryNodeJournaledAsync("quality-school-designation");
        await factory.AssertEveryNodeJournaledAsync("quality-school-assessment");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    /// <summary>The school reports, its city approves, the experts score high: the school's open assessment passes.</summary>
    private static async Task PassAssessmentAsync(SelectionDesk desk, string school, string city, IReadOnlyDictionary<string, double> scores)
    {
        var assessment = await CaseOfAsync(desk, school, "quality-school-assessment");
        await desk.DecideAsync(school, assessment, "complete", new { outcome = "submit", data = new JsonObject { ["report"] = "年度建设任务全部完成", ["employmentRate"] = 98.5 } });
        await desk.DecideAsync(city, assessment, "approve", new { comment = "属实" });
        await desk.ScoreAsync(assessment, scores, AssessmentCriteria);
        var passed = await desk.CaseAsync(school, assessment);
        Assert.Equal("pass", passed["output"]!["verdict"]!.GetValue<string>());
    }

    /// <summary>A variable's latest value as the case's timeline shows its change.</summary>
    private static async Task<JsonNode> VariableAsync(SelectionDesk desk, string userName, string caseId, string name) =>
        (await desk.TimelineAsync(userName, caseId, "variable-changed")).Last(d => d["name"]!.GetValue<string>() == name)["new"]!;

    /// <summary>The case of a process on which the user has an open task, from their 待办 list.</summary>
    private static async Task<string> CaseOfAsync(SelectionDesk desk, string userName, string definitionId)
    {
        var rows = await ListAsync(await desk.AsAsync(userName), "todo", $"&definitionId={definitionId}&pageSize=100");
        return Assert.Single(rows)!["caseId"]!.GetValue<string>();
    }

    private static JsonObject Application(params JsonObject[] partners) => new()
    {
        ["enrolment"] = 3200,
        ["employmentRate"] = 97.6,
        ["trainingPerYear"] = 5600,
        ["labourEducationHours"] = 18,
        ["integratedMajors"] = 5,
        ["trainingBases"] = 2,
        ["partners"] = new JsonArray([.. partners]),
        ["plan"] = "建设国家级高技能人才培训基地，推进工学一体化教学改革，三年内建成区内一流技工院校。",
    };

    private static JsonObject Partner(string name, int years, params string[] forms) => new()
    {
        ["name"] = name, ["years"] = years, ["forms"] = new JsonArray([.. forms.Select(f => JsonValue.Create(f))]),
    };
}
