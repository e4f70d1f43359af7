using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;
using static Approvals.Workflows.Tests.Activities.SelectionSteps;

namespace Approvals.Workflows.Tests.Activities;

/// <summary>申报窗口: schools apply within their type's quota until the window closes; the province may grant an exception.</summary>
public sealed class ApplicationWindowTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Apply_WithinQuota_StartsAChildCaseWithTheSchoolAsApplicant(string database)
    {
        await using var engine = await CreateAsync(database);
        var batch = await OpenBatchAsync(engine, cityQuota: 3);

        var child = await ApplyAsync(engine, batch, TestOrganizations.School, "0102");

        var instance = await engine.InstanceAsync(child);
        Assert.Equal((TestOrganizations.School, $"user-of-{TestOrganizations.School}"), (instance.InitiatorOrgId, instance.InitiatorUserId));
        Assert.Equal("建设专业遴选批次 · 呼和浩特技师学院 · 数控加工（数控车工）", instance.Title);
        Assert.Equal(8, (await engine.FormAsync(child))["teachers"]!.GetValue<int>());
        var variables = await engine.VariablesAsync(child);
        Assert.Equal(3, variables["batch"]!["cityQuota"]!.GetValue<int>());
        Assert.Equal(("呼和浩特市", "数控加工（数控车工）", 1), (
            variables["application"]!["cityName"]!.GetValue<string>(), variables["application"]!["itemName"]!.GetValue<string>(),
            variables["application"]!["number"]!.GetValue<int>()));
        var task = await engine.SingleOpenTaskAsync(child);
        Assert.Equal(("city_reviewer", TestOrganizations.City), (task.AssigneeRole, task.AssigneeOrgId));
        var received = JsonNode.Parse(Assert.Single(await engine.JournalAsync(batch), j => j.Kind == "application-received").Data)!;
        Assert.Equal((child.ToString(), 1, 3), (received["caseId"]!.GetValue<string>(), received["used"]!.GetValue<int>(), received["quota"]!.GetValue<int>()));
        Assert.Equal(InstanceStatus.Suspended, (await engine.InstanceAsync(batch)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Apply_BeyondTheQuotaOfTheSchoolsType_IsRefusedNamingTheQuotaAndWritesNothing(string database)
    {
        await using var engine = await CreateAsync(database);
        var batch = await OpenBatchAsync(engine);
        foreach (var major in new[] { "0101", "0102", "0103" })
        {
            await ApplyAsync(engine, batch, TestOrganizations.School, major);
        }

        await ApplyAsync(engine, batch, TechnicalSchool, "0101");
        await ApplyAsync(engine, batch, TechnicalSchool, "0102");
        var journal = (await engine.JournalAsync(batch)).Count;
        var version = (await engine.InstanceAsync(batch)).Version;

        var college = await engine.Runtime.SignalAsync(batch, Application(TestOrganizations.School, "0104"));
        var school = await engine.Runtime.SignalAsync(batch, Application(TechnicalSchool, "0103"));

        Assert.Equal(RunStatus.Invalid, college.Status);
        Assert.Equal("技师学院原则上申报建设专业不超过 3 个，呼和浩特技师学院已申报 3 个，不能再申报。确有需要的，请向自治区人社厅申请特批。",
            Assert.Single(college.Errors!["quota"]));
        Assert.Equal(RunStatus.Invalid, school.Status);
        Assert.StartsWith("其他技工院校原则上申报建设专业不超过 2 个，呼和浩特技工学校已申报 2 个", Assert.Single(school.Errors!["quota"]));
        Assert.Equal(5, (await ChildrenAsync(engine, batch)).Count);
        Assert.Equal((journal, version), ((await engine.JournalAsync(batch)).Count, (await engine.InstanceAsync(batch)).Version));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task QuotaException_GrantedByTheProvince_LetsTheSchoolApplyBeyondItsTypeAndIsJournaled(string database)
    {
        await using var engine = await CreateAsync(database);
        var batch = await OpenBatchAsync(engine);
        foreach (var major in new[] { "0101", "0102", "0103" })
        {
            await ApplyAsync(engine, batch, TestOrganizations.School, major);
        }

        var unreasoned = await engine.Runtime.SignalAsync(batch, Exception(TestOrganizations.School, 4, " "));
        var granted = await engine.Runtime.SignalAsync(batch, Exception(TestOrganizations.School, 4, "国家级高技能人才培训基地，承担自治区示范任务"));
        await ApplyAsync(engine, batch, TestOrganizations.School, "0104");
        var fifth = await engine.Runtime.SignalAsync(batch, Application(TestOrganizations.School, "0199"));

        Assert.Equal(["reason"], unreasoned.Errors!.Keys);
        Assert.Equal(RunStatus.Ok, granted.Status);
        var entry = Assert.Single(await engine.JournalAsync(batch), j => j.Kind == "quota-exception-granted");
        Assert.Equal("province-officer", entry.Actor);
        var data = JsonNode.Parse(entry.Data)!;
        Assert.Equal((TestOrganizations.School, 3, 4, "国家级高技能人才培训基地，承担自治区示范任务"), (
            data["orgId"]!.GetValue<string>(), data["standardQuota"]!.GetValue<int>(), data["quota"]!.GetValue<int>(), data["reason"]!.GetValue<string>()));
        Assert.Equal(4, (await ChildrenAsync(engine, batch)).Count);
        Assert.Equal("经自治区特批，呼和浩特技师学院本批次可申报建设专业 4 个，已申报 4 个，不能再申报。", Assert.Single(fifth.Errors!["quota"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Apply_MajorOutsideTheListOrAppliedTwiceOrNotASchool_IsRefusedOnItsField(string database)
    {
        await using var engine = await CreateAsync(database);
        var batch = await OpenBatchAsync(engine);
        await ApplyAsync(engine, batch, BaotouCollege, "0101");

        var unlisted = await engine.Runtime.SignalAsync(batch, Application(BaotouCollege, "9999"));
        var inactive = await engine.Runtime.SignalAsync(batch, Application(BaotouCollege, "0199"));
        var twice = await engine.Runtime.SignalAsync(batch, Application(BaotouCollege, "0101"));
        var city = await engine.Runtime.SignalAsync(batch, Application(TestOrganizations.City, "0102"));

        Assert.Contains("“建设专业”须从列表中选择", Assert.Single(unlisted.Errors!["form.majorCode"]));
        Assert.Contains("“建设专业”须从列表中选择", Assert.Single(inactive.Errors!["form.majorCode"]));
        Assert.Equal("本校已申报“机床切削加工（车工）”，同一批次不能重复申报。", Assert.Single(twice.Errors!["form.majorCode"]));
        Assert.Equal("只有技工院校可以申报。", Assert.Single(city.Errors!["orgId"]));
        Assert.Single(await ChildrenAsync(engine, batch));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CheckSignal_WhileTheFormIsFilled_AnswersTheSameErrorsAndWritesNothing(string database)
    {
        await using var engine = await CreateAsync(database);
        var batch = await OpenBatchAsync(engine);
        var version = (await engine.InstanceAsync(batch)).Version;
        var incomplete = new Signal("application",
            new JsonObject { ["orgId"] = TechnicalSchool, ["form"] = new JsonObject { ["majorCode"] = "0101" } }, "school-user");

        var valid = await engine.Runtime.CheckSignalAsync(batch, Application(TechnicalSchool, "0101"));
        var missing = await engine.Runtime.CheckSignalAsync(batch, incomplete);

        Assert.Equal(RunStatus.Ok, valid.Status);
        Assert.Equal(["form.teachers"], missing.Errors!.Keys);
        Assert.Empty(await ChildrenAsync(engine, batch));
        Assert.Equal(version, (await engine.InstanceAsync(batch)).Version);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Close_AtTheEndOfTheLastDay_RefusesApplicationsAndWaitsForEveryApplicationToEnd(string database)
    {
        await using var engine = await CreateAsync(database);
        var batch = await OpenBatchAsync(engine);
        var recommended = await ApplyAsync(engine, batch, TestOrganizations.School, "0101");
        var declined = await ApplyAsync(engine, batch, BaotouCollege, "0102");
        var timer = Assert.Single(await engine.TimersAsync(batch));
        Assert.Equal(new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(timer.DueAt, TimeSpan.Zero));

        engine.Clock.Advance(TimeSpan.FromDays(40));
        Assert.Equal(1, await engine.Runtime.FireDueTimersAsync());
        var late = await engine.Runtime.SignalAsync(batch, Application(TechnicalSchool, "0101") with { NotWaiting = "本批次申报已截止。" });
        Assert.Equal((RunStatus.Conflict, "本批次申报已截止。"), (late.Status, late.Error));
        Assert.Equal(InstanceStatus.Suspended, (await engine.InstanceAsync(batch)).Status);

        await RecommendAndScoreAsync(engine, recommended, 88);
        Assert.Equal(InstanceStatus.Suspended, (await engine.InstanceAsync(batch)).Status);
        Assert.Equal(RunStatus.Ok, (await engine.DecideAsync(declined, "decline", "baotou-officer")).Status);

        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(batch)).Status);
        var applications = (await engine.VariablesAsync(batch))["applications"]!.AsArray();
        Assert.Equal([recommended.ToString(), declined.ToString()], applications.Select(a => a!["caseId"]!.GetValue<string>()));
        Assert.All(applications, a => Assert.Equal("finished", a!["status"]!.GetValue<string>()));
        Assert.Equal(88, applications[0]!["output"]!["expertReview"]!["aggregate"]!.GetValue<double>());
        Assert.True((await engine.Runtime.VerifyJournalAsync(batch)).IsIntact);
    }

    private static Signal Exception(string orgId, int quota, string reason) => new(
        "quota-exception", new JsonObject { ["orgId"] = orgId, ["quota"] = quota, ["reason"] = reason }, "province-officer");
}
