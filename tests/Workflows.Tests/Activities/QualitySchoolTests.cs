using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Approvals.Workflows.Tests.QualitySchools.SelfAssessmentTests;

namespace Approvals.Workflows.Tests.Activities;

/// <summary>The shipped quality-school definitions on the engine: the application's self-assessment, the funding chain, the assessment's verdicts.</summary>
public sealed class QualitySchoolTests
{
    private const string Pool = "quality-schools";
    private const string OtherCity = "nmg-bt";
    private const string CityFinance = $"{TestOrganizations.City}-fin";
    private const string HohhotTechnicalSchool = "nmg-hhht-s5";
    private const string BaotouCollege = "nmg-bt-s1";
    private const string ChifengCollege = "nmg-cf-s1";

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Application_NoLongTermPartner_IsRefusedWithAChineseFieldErrorAndNoCase(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync(await ShippedAsync("quality-school-application"));

        var result = await engine.Runtime.StartAsync(new StartRequest("quality-school-application")
        {
            Form = Form(Partner("新办企业", 2, "订单培养")), InitiatorUserId = "applicant", InitiatorOrgId = TestOrganizations.School,
        });

        Assert.Equal(RunStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors!["form.partners"]);
        Assert.StartsWith("技工院校至少要拥有一个长期合作的企业", error);
        await using var db = engine.Database.CreateContext();
        Assert.Equal(0, await db.Instances.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Application_ReturnedByTheCity_ResubmissionIsHeldToTheSameRuleAndTheBonusIsRecalculated(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        AddExperts(engine);
        await engine.PublishAsync(await ShippedAsync("quality-school-application"));
        var id = await engine.StartAsync("quality-school-application", Form(Partner("内蒙古第一机械集团", 6, "订单培养")),
            new JsonObject { ["batch"] = new JsonObject { ["cityQuota"] = 2 } });
        Assert.Equal(1, (await engine.VariablesAsync(id))["selfAssessment"]!["cooperation"]!["bonus"]!.GetValue<decimal>());
        Assert.Equal(("city_reviewer", TestOrganizations.City), Assignee(await engine.SingleOpenTaskAsync(id)));

        await engine.DecideAsync(id, "return");
        var dropped = await engine.DecideAsync(id, "resubmit", "applicant", new JsonObject { ["partners"] = new JsonArray(Partner("新办企业", 1)) });

        Assert.Equal(RunStatus.Invalid, dropped.Status);
        Assert.Contains("合作满 3 年", Assert.Single(dropped.Errors!["form.partners"]));
        var resubmitted = await engine.DecideAsync(id, "resubmit", "applicant", new JsonObject
        {
            ["partners"] = new JsonArray(Partner("内蒙古第一机械集团", 6, "订单培养", "共建产业学院"), Partner("包钢集团", 3, "共建技能大师工作室")),
        });
        Assert.Equal(RunStatus.Ok, resubmitted.Status);
        Assert.Equal(3, (await engine.VariablesAsync(id))["selfAssessment"]!["cooperation"]!["bonus"]!.GetValue<decimal>());
        Assert.Equal("city", (await engine.SingleOpenTaskAsync(id)).NodeId);

        await engine.DecideAsync(id, "recommend");
        await ScoreAsync(engine, id, 84, 81, 82.5);

        var instance = await engine.InstanceAsync(id);
        Assert.Equal(InstanceStatus.Finished, instance.Status);
        var output = JsonNode.Parse(instance.Output!)!;
        Assert.Equal((82.5m, 3m, 85.5m), (output["review"]!["aggregate"]!.GetValue<decimal>(),
            output["selfAssessment"]!["cooperation"]!["bonus"]!.GetValue<decimal>(), output["score"]!.GetValue<decimal>()));
        Assert.True(output["recommendation"]!["recommended"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Designation_FundingApprovedStepByStep_ThenEachPeriodIsAssessedUntilTheConstructionEnds(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        AddExperts(engine);
        await engine.PublishAsync(await ShippedAsync("quality-school-assessment"));
        await engine.PublishAsync(await ShippedAsync("quality-school-designation"));
        var id = await engine.StartAsync("quality-school-designation", new JsonObject { ["schoolName"] = "呼和浩特技师学院", ["constructionYears"] = 2 });
        Assert.Equal("designated", await DesignationAsync(engine));

        Assert.Equal(("school_applicant", TestOrganizations.School), Assignee(await engine.SingleOpenTaskAsync(id)));
        await engine.DecideAsync(id, "submit", "applicant", new JsonObject { ["plan"] = "建设产教融合实训基地", ["amountRequested"] = 500 });
        Assert.Equal(("city_reviewer", TestOrganizations.City), Assignee(await engine.SingleOpenTaskAsync(id)));
        await engine.DecideAsync(id, "approve");
        Assert.Equal(("finance_officer", CityFinance), Assignee(await engine.SingleOpenTaskAsync(id)));
        await engine.DecideAsync(id, "approve");
        Assert.Equal(("province_reviewer", TestOrganizations.Province), Assignee(await engine.SingleOpenTaskAsync(id)));
        await engine.DecideAsync(id, "approve", data: new JsonObject { ["approvedAmount"] = 400 });
        Assert.Equal(("finance_officer", CityFinance), Assignee(await engine.SingleOpenTaskAsync(id)));
        await engine.DecideAsync(id, "paid");

        for (var period = 1; period <= 2; period++)
        {
            Assert.Empty(await engine.OpenTasksAsync(id));
            engine.Clock.Advance(TimeSpan.FromDays(365));
            await engine.Runtime.FireDueTimersAsync();
            var assessment = await ChildAsync(engine, id, period);
            Assert.Equal(period, (await engine.FormAsync(assessment))["period"]!.GetValue<int>());
            await PassAsync(engine, assessment);
        }

        var finished = await engine.InstanceAsync(id);
        Assert.Equal(InstanceStatus.Finished, finished.Status);
        Assert.Equal("""{"status":"completed","periods":2,"approvedAmount":400}""", finished.Output);
        Assert.Equal("completed", await DesignationAsync(engine));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Designation_AssessmentEndsInExit_RevokesTheDesignation(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        AddExperts(engine);
        await engine.PublishAsync(await ShippedAsync("quality-school-assessment"));
        await engine.PublishAsync(await ShippedAsync("quality-school-designation"));
        var id = await engine.StartAsync("quality-school-designation", new JsonObject { ["constructionYears"] = 3 });
        await engine.DecideAsync(id, "submit", "applicant", new JsonObject { ["amountRequested"] = 500 });
        await engine.DecideAsync(id, "reject");

        engine.Clock.Advance(TimeSpan.FromDays(365));
        await engine.Runtime.FireDueTimersAsync();
        var assessment = await ChildAsync(engine, id, 1);
        await engine.DecideAsync(assessment, "submit", "applicant", new JsonObject { ["report"] = "部分建设任务未完成" });
        await engine.DecideAsync(assessment, "approve");
        await ScoreAsync(engine, assessment, 50, 55, 52);
        await engine.DecideAsync(assessment, "revoke");

        var finished = await engine.InstanceAsync(id);
        Assert.Equal(InstanceStatus.Finished, finished.Status);
        Assert.Equal("""{"status":"revoked","periods":1,"approvedAmount":null}""", finished.Output);
        Assert.Equal("revoked", await DesignationAsync(engine));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Assessment_Verdicts_PassRectifyAndExitByTheScore(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        AddExperts(engine);
        await engine.PublishAsync(await ShippedAsync("quality-school-assessment"));

        Assert.Equal("""{"verdict":"pass","score":80,"rectified":false}""", await AssessAsync(engine, [80, 80, 80]));
        Assert.Equal("""{"verdict":"pass","score":82,"rectified":true}""", await AssessAsync(engine, [70, 75, 72], [82, 82, 82]));
        Assert.Equal("""{"verdict":"exit","score":75,"rectified":true}""", await AssessAsync(engine, [70, 75, 72], [75, 75, 75]));
        Assert.Equal("""{"verdict":"exit","score":59.5,"rectified":false}""", await AssessAsync(engine, [59, 60, 59.5]));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Assessment_ProvinceGivesAnotherChanceInsteadOfRevoking_TheSchoolRectifiesAndIsScoredAgain(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        AddExperts(engine);
        await engine.PublishAsync(await ShippedAsync("quality-school-assessment"));
        var id = await engine.StartAsync("quality-school-assessment", new JsonObject { ["period"] = 1 });
        await engine.DecideAsync(id, "submit", "applicant");
        await engine.DecideAsync(id, "approve");
        await ScoreAsync(engine, id, 40, 40, 40);

        Assert.Equal(("province_reviewer", TestOrganizations.Province), Assignee(await engine.SingleOpenTaskAsync(id)));
        await engine.DecideAsync(id, "rectify");
        Assert.Equal(("school_applicant", TestOrganizations.School), Assignee(await engine.SingleOpenTaskAsync(id)));
        await engine.DecideAsync(id, "submit", "applicant", new JsonObject { ["rectification"] = "已完成实训基地建设" });
        await ScoreAsync(engine, id, 90, 86, 88);

        Assert.Equal("""{"verdict":"pass","score":88,"rectified":true}""", (await engine.InstanceAsync(id)).Output);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Selection_FromTheNoticeToTheDesignation_RanksByScoreWithBonusExcludesAnUpheldObjectionAndDesignatesTheRest(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        engine.Organizations.AddSchool(HohhotTechnicalSchool, "呼和浩特技工学校", "技工学校", TestOrganizations.City, "呼和浩特市");
        engine.Organizations.AddSchool(BaotouCollege, "包头技师学院", OrganizationProfile.TechnicianCollege, OtherCity, "包头市");
        engine.Organizations.AddSchool(ChifengCollege, "赤峰技师学院", OrganizationProfile.TechnicianCollege, "nmg-cf", "赤峰市");
        engine.Experts.Add(Pool, new Expert("e-1", "nmg-tl-s1", "nmg-tl"), new Expert("e-2", "nmg-wh-s1", "nmg-wh"), new Expert("e-3", "nmg-al-s1", "nmg-al"));
        foreach (var id in new[] { "quality-school-application", "quality-school-assessment", "quality-school-designation", "quality-school-selection" })
        {
            await engine.PublishAsync(await ShippedAsync(id));
        }

        var batch = await engine.StartAsync("quality-school-selection", new JsonObject
        {
            ["batchName"] = "2024年优质技工院校遴选", ["closesAt"] = "2024-10-31", ["selectCount"] = 2, ["cityQuota"] = 2,
            ["cityQuotas"] = new JsonArray(new JsonObject { ["cityId"] = TestOrganizations.City, ["quota"] = 1 }), ["constructionYears"] = 3,
        }, initiatorOrgId: TestOrganizations.Province);

        var refused = await engine.Runtime.SignalAsync(batch, Application(BaotouCollege, Partner("新办企业", 1)));
        Assert.Equal(RunStatus.Invalid, refused.Status);
        Assert.StartsWith("技工院校至少要拥有一个长期合作的企业", Assert.Single(refused.Errors!["form.partners"]));
        var hohhot = await ApplyAsync(engine, batch, TestOrganizations.School, Partner("内蒙古第一机械集团", 6, "订单培养", "共建产业学院"));
        var technical = await ApplyAsync(engine, batch, HohhotTechnicalSchool, Partner("呼和浩特供电公司", 4));
        var baotou = await ApplyAsync(engine, batch, BaotouCollege, Partner("包钢集团", 10));
        var chifeng = await ApplyAsync(engine, batch, ChifengCollege, Partner("赤峰制药", 3, "订单培养"));
        var again = await engine.Runtime.SignalAsync(batch, Application(TestOrganizations.School, Partner("内蒙古第一机械集团", 6)));
        Assert.Contains("不超过 1 个", Assert.Single(again.Errors!["quota"]));

        var recommended = await engine.DecideAsync(hohhot, "recommend", "city-officer");
        Assert.True(recommended.Succeeded, string.Join("；", recommended.Errors?.SelectMany(e => e.Value) ?? [recommended.Error ?? ""]));
        var overQuota = await engine.DecideAsync(technical, "recommend", "city-officer");
        Assert.Contains("推荐名额为 1 个，已推荐 1 个", Assert.Single(overQuota.Errors!["quota"]));
        await engine.DecideAsync(technical, "decline", "city-officer");
        await engine.DecideAsync(baotou, "recommend", "bt-officer");
        await engine.DecideAsync(chifeng, "recommend", "cf-officer");
        await ScoreAsync(engine, hohhot, 84, 86, 85);
        await ScoreAsync(engine, baotou, 88, 88, 88);
        await ScoreAsync(engine, chifeng, 85, 86, 85.5);
        engine.Clock.Advance(TimeSpan.FromDays(40));
        await engine.Runtime.FireDueTimersAsync();

        // 呼和浩特's experts gave 85 and 赤峰's 85.5, but 呼和浩特's two forms of cooperation (+2) outweigh 赤峰's one (+1).
        Assert.Equal([(baotou, 88.0, true), (hohhot, 87.0, true), (chifeng, 86.5, false), (technical, (double?)null, false)],
            await SelectionAsync(engine, batch));
        await engine.Runtime.RaiseObjectionAsync(batch, "citizen", "包头技师学院的合作企业年限与实际不符");
        await engine.DecideAsync(batch, "upheld", "province-officer");
        await engine.DecideAsync(batch, "done", "province-officer", new JsonObject
        {
            ["excluded"] = new JsonArray(new JsonObject { ["caseId"] = baotou.ToString(), ["reason"] = "合作企业年限与实际不符" }),
        });
        var ranked = await SelectionAsync(engine, batch);
        Assert.Equal([(hohhot, 87.0, true), (chifeng, 86.5, true)], ranked.Take(2));
        Assert.Equal("已排除：合作企业年限与实际不符", (await engine.VariablesAsync(batch))["selection"]!.AsArray()
            .Single(l => l!["caseId"]!.GetValue<string>() == baotou.ToString())!["note"]!.GetValue<string>());
        engine.Clock.Advance(TimeSpan.FromDays(10));
        await engine.Runtime.FireDueTimersAsync();
        await engine.DecideAsync(batch, "designate", "province-officer");

        var designations = (await ChildrenAsync(engine, batch, "quality-school-designation"))
            .OrderBy(d => JsonNode.Parse(d.Form)!["rank"]!.GetValue<int>()).ToList();
        Assert.Equal([(TestOrganizations.School, $"user-of-{TestOrganizations.School}"), (ChifengCollege, $"user-of-{ChifengCollege}")],
            designations.Select(d => (d.InitiatorOrgId!, d.InitiatorUserId!)));
        var form = JsonNode.Parse(designations[0].Form)!;
        Assert.Equal(("呼和浩特技师学院", "2024年优质技工院校遴选", 1, 87m, 3), (form["schoolName"]!.GetValue<string>(),
            form["batch"]!.GetValue<string>(), form["rank"]!.GetValue<int>(), form["score"]!.GetValue<decimal>(), form["constructionYears"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("quality-school-selection")]
    [InlineData("quality-school-application")]
    [InlineData("quality-school-designation")]
    [InlineData("quality-school-assessment")]
    public async Task Shipped_QualitySchoolDefinition_PassesTheValidator(string id)
    {
        var problems = new DefinitionValidator(ActivityRegistry.Default).Validate(await ShippedAsync(id));

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_FormWithoutThePartnerTable_IsAProblemOfTheNode()
    {
        var definition = DefinitionJson.Parse("""
            {
              "id": "test-self", "name": "自评",
              "variables": [ { "name": "selfAssessment", "type": "object" } ],
              "forms": [ { "id": "start", "fields": [ { "name": "enrolment", "label": "在校生", "type": "text" } ] } ],
              "nodes": [ { "id": "start", "kind": "Start" }, { "id": "self", "kind": "QualitySelfAssessment" }, { "id": "end", "kind": "End" } ],
              "edges": [ { "source": "start", "outcome": "done", "target": "self" }, { "source": "self", "outcome": "done", "target": "end" } ]
            }
            """);

        var problems = new DefinitionValidator(ActivityRegistry.Default).Validate(definition);

        Assert.All(problems, p => Assert.Equal(("self", "bad-self-assessment"), (p.NodeId, p.Code)));
        Assert.Contains(problems, p => p.Message.Contains("申请表缺少数字字段 enrolment", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("employmentRate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains("合作企业表格 partners", StringComparison.Ordinal));
    }

    private static Signal Application(string orgId, JsonObject partner)
    {
        var form = Form(partner);
        return new Signal("application", new JsonObject { ["orgId"] = orgId, ["form"] = form }, $"user-of-{orgId}");
    }

    private static async Task<InstanceId> ApplyAsync(EngineHarness engine, InstanceId batch, string orgId, JsonObject partner)
    {
        var result = await engine.Runtime.SignalAsync(batch, Application(orgId, partner));
        Assert.True(result.Succeeded, string.Join("；", result.Errors?.SelectMany(e => e.Value) ?? [result.Error ?? ""]));
        return (await ChildrenAsync(engine, batch, "quality-school-application")).Single(c => c.InitiatorOrgId == orgId).Id;
    }

    private static async Task<List<WorkflowInstance>> ChildrenAsync(EngineHarness engine, InstanceId batch, string definitionId)
    {
        await using var db = engine.Database.CreateContext();
        return await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == batch && i.DefinitionId == definitionId)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync();
    }

    private static async Task<List<(InstanceId Case, double? Score, bool Selected)>> SelectionAsync(EngineHarness engine, InstanceId batch) =>
        [.. (await engine.VariablesAsync(batch))["selection"]!.AsArray().Select(s => (
            new InstanceId(Guid.Parse(s!["caseId"]!.GetValue<string>())), s["score"]?.GetValue<double>(), s["selected"]!.GetValue<bool>()))];

    private static void AddExperts(EngineHarness engine) => engine.Experts.Add(Pool,
        new Expert("same-city", "nmg-hhht-s2", TestOrganizations.City),
        new Expert("e-1", "nmg-bt-s1", OtherCity),
        new Expert("e-2", "nmg-bt-s2", OtherCity),
        new Expert("e-3", "nmg-bt-s3", OtherCity));

    /// <summary>One assessment case: the report, the city's approval, then one expert score per round; its output.</summary>
    private static async Task<string?> AssessAsync(EngineHarness engine, params double[][] rounds)
    {
        var id = await engine.StartAsync("quality-school-assessment", new JsonObject { ["period"] = 1 });
        await engine.DecideAsync(id, "submit", "applicant", new JsonObject { ["report"] = "完成年度建设任务" });
        await engine.DecideAsync(id, "approve");
        for (var round = 0; round < rounds.Length; round++)
        {
            if (round > 0)
            {
                await engine.DecideAsync(id, "submit", "applicant", new JsonObject { ["rectification"] = "已整改" });
            }

            await ScoreAsync(engine, id, rounds[round]);
        }

        if ((await engine.OpenTasksAsync(id)) is [{ NodeId: "revoke" }])
        {
            await engine.DecideAsync(id, "revoke");
        }

        return (await engine.InstanceAsync(id)).Output;
    }

    private static async Task PassAsync(EngineHarness engine, InstanceId assessment)
    {
        await engine.DecideAsync(assessment, "submit", "applicant", new JsonObject { ["report"] = "完成年度建设任务" });
        await engine.DecideAsync(assessment, "approve");
        await ScoreAsync(engine, assessment, 88, 92, 90);
        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(assessment)).Status);
    }

    /// <summary>Each drawn expert gives every criterion the same score, so their weighted total is that score.</summary>
    private static async Task ScoreAsync(EngineHarness engine, InstanceId id, params double[] totals)
    {
        var tasks = (await engine.OpenTasksAsync(id)).OrderBy(t => t.AssigneeUserId, StringComparer.Ordinal).ToList();
        Assert.Equal(["e-1", "e-2", "e-3"], tasks.Select(t => t.AssigneeUserId));
        for (var i = 0; i < tasks.Count; i++)
        {
            var scores = new JsonObject();
            await using var db = engine.Database.CreateContext();
            var bookmark = await db.Bookmarks.AsNoTracking().SingleAsync(b => b.Id == tasks[i].BookmarkId);
            foreach (var criterion in JsonNode.Parse(bookmark.Data)!["criteria"]!.AsArray())
            {
                scores[criterion!.GetValue<string>()] = totals[i];
            }

            var result = await engine.Runtime.CompleteTaskAsync(tasks[i].Id, new TaskDecision("submit", tasks[i].AssigneeUserId!)
            {
                Data = new JsonObject { ["scores"] = scores },
            });
            Assert.Equal(RunStatus.Ok, result.Status);
        }
    }

    private static async Task<InstanceId> ChildAsync(EngineHarness engine, InstanceId parent, int count)
    {
        await using var db = engine.Database.CreateContext();
        var children = await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == parent).OrderBy(i => i.CreatedAt).ToListAsync();
        Assert.Equal(count, children.Count);
        Assert.All(children, c => Assert.Equal(TestOrganizations.School, c.InitiatorOrgId));
        return children[^1].Id;
    }

    /// <summary>The school's standing quality-school record: designated, then completed or revoked.</summary>
    private static async Task<string> DesignationAsync(EngineHarness engine)
    {
        await using var db = engine.Database.CreateContext();
        var record = await db.Registry.AsNoTracking().SingleAsync(r => r.Collection == "quality-schools" && r.OrgId == TestOrganizations.School);
        Assert.Equal(("quality-school", "优质技工院校"), (record.Key, record.Name));
        return record.Status;
    }

    private static (string, string) Assignee(HumanTask task) => (task.AssigneeRole!, task.AssigneeOrgId!);

    private static Task<WorkflowDefinition> ShippedAsync(string id) =>
        DefinitionJson.LoadAsync(Path.Combine(AppContext.BaseDirectory, "Shipped", id + ".json"));
}
