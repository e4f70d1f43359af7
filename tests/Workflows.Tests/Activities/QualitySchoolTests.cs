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
        var id = await engine.StartAsync("quality-school-application", Form(Partner("内蒙古第一机械集团", 6, "订单培养")));
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

        await engine.DecideAsync(id, "approve");
        await ScoreAsync(engine, id, 84, 81);

        var instance = await engine.InstanceAsync(id);
        Assert.Equal(InstanceStatus.Finished, instance.Status);
        var output = JsonNode.Parse(instance.Output!)!;
        Assert.Equal((82.5m, 3m, 85.5m), (output["expertScore"]!.GetValue<decimal>(), output["cooperationBonus"]!.GetValue<decimal>(), output["score"]!.GetValue<decimal>()));
        Assert.True(output["recommended"]!.GetValue<bool>());
        Assert.Equal("applicant", output["applicant"]!.GetValue<string>());
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
        await ScoreAsync(engine, assessment, 50, 55);
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

        Assert.Equal("""{"verdict":"pass","score":80,"rectified":false}""", await AssessAsync(engine, [80, 80]));
        Assert.Equal("""{"verdict":"pass","score":82,"rectified":true}""", await AssessAsync(engine, [70, 75], [82, 82]));
        Assert.Equal("""{"verdict":"exit","score":75,"rectified":true}""", await AssessAsync(engine, [70, 75], [75, 75]));
        Assert.Equal("""{"verdict":"exit","score":59.5,"rectified":false}""", await AssessAsync(engine, [59, 60]));
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
        await ScoreAsync(engine, id, 40, 40);

        Assert.Equal(("province_reviewer", TestOrganizations.Province), Assignee(await engine.SingleOpenTaskAsync(id)));
        await engine.DecideAsync(id, "rectify");
        Assert.Equal(("school_applicant", TestOrganizations.School), Assignee(await engine.SingleOpenTaskAsync(id)));
        await engine.DecideAsync(id, "submit", "applicant", new JsonObject { ["rectification"] = "已完成实训基地建设" });
        await ScoreAsync(engine, id, 90, 86);

        Assert.Equal("""{"verdict":"pass","score":88,"rectified":true}""", (await engine.InstanceAsync(id)).Output);
    }

    [Theory]
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

    private static void AddExperts(EngineHarness engine) => engine.Experts.Add(Pool,
        new Expert("same-city", "nmg-hhht-s2", TestOrganizations.City),
        new Expert("e-1", "nmg-bt-s1", OtherCity),
        new Expert("e-2", "nmg-bt-s2", OtherCity));

    /// <summary>One assessment case: the report, the city's approval, then one expert score per round; its output.</summary>
    private static async Task<string?> AssessAsync(EngineHarness engine, params int[][] rounds)
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
        await ScoreAsync(engine, assessment, 88, 92);
        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(assessment)).Status);
    }

    /// <summary>Each drawn expert gives every criterion the same score, so their weighted total is that score.</summary>
    private static async Task ScoreAsync(EngineHarness engine, InstanceId id, params int[] totals)
    {
        var tasks = (await engine.OpenTasksAsync(id)).OrderBy(t => t.AssigneeUserId, StringComparer.Ordinal).ToList();
        Assert.Equal(["e-1", "e-2"], tasks.Select(t => t.AssigneeUserId));
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
