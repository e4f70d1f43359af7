using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>
/// 工学一体化 batch selection (内人社办发〔2022〕111号 三) through the API as the demo roles, on its real dates: schools apply
/// within their quota, the province grants an exception, cities recommend within theirs, experts drawn with 回避 score,
/// the province ranks and approves, the list goes on public notice, an objection is heard, the list is announced.
/// </summary>
public sealed class WorkStudyIntegrationProcessTests : IDisposable
{
    private static readonly string[] TempCodes = ["0101", "0103", "0105", "0201", "0208", "0401"];

    private static readonly string[] Criteria = ["建设基础", "师资队伍", "校企合作", "建设方案"];

    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    // Monday 11 July 2022, 09:00 in Beijing: the province opens the first batch after the plan of 30 June.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2022, 7, 11, 9, 0, 0, SelectionDesk.Beijing));

    [Fact]
    public async Task FirstBatch_FromApplicationsToTheAnnouncedList_QuotasReturnOverdueAvoidanceAndObjection()
    {
        await using var factory = new HostFactory(databaseFile) { Clock = clock };
        using var desk = new SelectionDesk(factory, clock);
        await factory.QueryEngineAsync(async db =>
        {
            db.ReferenceLists.Add(new Approvals.Workflows.Persistence.ReferenceList { Id = "construction-majors", Name = "TEMP" });
            foreach (var c in TempCodes)
            {
                db.ReferenceItems.Add(new Approvals.Workflows.Persistence.ReferenceItem { ListId = "construction-majors", Code = c, Name = "专业" + c });
            }

            return await db.SaveChangesAsync();
        });
        var batch = await desk.StartCaseAsync("province", "ythh-batch", new JsonObject
        {
            ["batchName"] = "第一批工学一体化建设院校和专业",
            ["phase"] = "第一阶段",
            ["closesAt"] = "2022-08-31",
            ["cityQuota"] = 2,
            ["selectCount"] = 2,
            ["noticeDays"] = 5,
        });

        // 18 July: the schools fill in their applications; the form is checked while it is filled.
        await desk.AdvanceToAsync(2022, 7, 18, 10);
        var unlisted = await desk.PostAsync("school", $"/api/cases/{batch}/applications/check", new { form = Application("9999") });
        await AssertProblemAsync(unlisted, HttpStatusCode.BadRequest);
        Assert.Contains("须从列表中选择", (await ReadAsync(unlisted))["errors"]!["form.majorCode"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsync("school", $"/api/cases/{batch}/applications/check", new { form = Application("0101") })).StatusCode);
        var lathe = await desk.ApplyAsync("school", batch, Application("0101"));
        var cnc = await desk.ApplyAsync("school", batch, Application("0103"));
        var electrical = await desk.ApplyAsync("school", batch, Application("0201"));
        var overQuota = await desk.PostAsync("school", $"/api/cases/{batch}/applications/check", new { form = Application("0208") });
        await AssertProblemAsync(overQuota, HttpStatusCode.BadRequest);
        Assert.StartsWith("技师学院原则上申报建设专业不超过 3 个，呼和浩特技师学院已申报 3 个",
            (await ReadAsync(overQuota))["errors"]!["quota"]![0]!.GetValue<string>());
        await AssertProblemAsync(await desk.PostAsync("school", $"/api/cases/{batch}/applications", new { form = Application("0208") }), HttpStatusCode.BadRequest);

        // 原则上: the province lets 呼和浩特技师学院 declare a fourth major; the exception is on the batch's record.
        await AssertProblemAsync(await desk.PostAsync("hohhot", $"/api/cases/{batch}/quota-exceptions",
            new { orgId = "150100-01", quota = 4, reason = "试图自行特批" }), HttpStatusCode.NotFound);
        var granted = await desk.PostAsync("province", $"/api/cases/{batch}/quota-exceptions",
            new { orgId = "150100-01", quota = 4, reason = "国家级高技能人才培训基地，承担自治区工学一体化示范任务" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var robotics = await desk.ApplyAsync("school", batch, Application("0208"));
        var modest = await desk.ApplyAsync("school2", batch, Application("0105"));
        var baotou = await desk.ApplyAsync("school3", batch, Application("0401"));
        var exception = Assert.Single(await desk.TimelineAsync("province", batch, "quota-exception-granted"));
        Assert.Equal((3, 4, "国家级高技能人才培训基地，承担自治区工学一体化示范任务"), (
            exception["standardQuota"]!.GetValue<int>(), exception["quota"]!.GetValue<int>(), exception["reason"]!.GetValue<string>()));

        // 19 July: 呼和浩特 returns one application for revision, recommends two, and is refused a third.
        await desk.AdvanceToAsync(2022, 7, 19, 10);
        await desk.DecideAsync("hohhot", lathe, "return", new { comment = "请补充合作企业的实训设备清单" });
        var lockedMajor = await desk.ActAsync("school", lathe, "resubmit", new { data = new JsonObject { ["majorCode"] = "0105" } });
        await AssertProblemAsync(lockedMajor, HttpStatusCode.BadRequest);
        await desk.DecideAsync("school", lathe, "resubmit", new
        {
            comment = "已补充",
            data = new JsonObject { ["partnerEnterprise"] = "内蒙古第一机械集团有限公司（共建车工实训车间，设备 40 台套）" },
        });
        await desk.DecideAsync("hohhot", lathe, "complete", new { outcome = "recommend", comment = "推荐" });
        await desk.DecideAsync("hohhot", cnc, "complete", new { outcome = "recommend", comment = "推荐" });
        var third = await desk.ActAsync("hohhot", electrical, "complete", new { outcome = "recommend" });
        await AssertProblemAsync(third, HttpStatusCode.BadRequest);
        Assert.StartsWith("呼和浩特市本批次的推荐名额为 2 个，已推荐 2 个", (await ReadAsync(third))["errors"]!["quota"]![0]!.GetValue<string>());
        foreach (var declined in new[] { electrical, robotics, modest })
        {
            await desk.DecideAsync("hohhot", declined, "complete", new { outcome = "decline", comment = "本市推荐名额已满" });
        }

        // 20 July: the experts drawn for 呼和浩特's applications are those of other cities; the one of 呼和浩特 is avoided.
        await desk.AdvanceToAsync(2022, 7, 20, 10);
        var drawn = Assert.Single(await desk.TimelineAsync("province", lathe, "experts-drawn"));
        var expert3 = await factory.UserIdAsync("expert3");
        Assert.Contains(drawn["excluded"]!.AsArray(), e => e!["userId"]!.GetValue<string>() == expert3 && e["reason"]!.GetValue<string>() == "本市回避");
        Assert.DoesNotContain(drawn["drawn"]!.AsArray(), e => e!.GetValue<string>() == expert3);
        await desk.ScoreAsync(lathe, new Dictionary<string, double> { ["expert1"] = 88, ["expert2"] = 80, ["expert4"] = 95 }, Criteria);
        await desk.ScoreAsync(cnc, new Dictionary<string, double> { ["expert1"] = 75, ["expert2"] = 70, ["expert4"] = 82 }, Criteria);

        // 27 July: 包头 has not reviewed its application; three working days before the deadline it is reminded.
        await desk.AdvanceToAsync(2022, 7, 27, 12);
        Assert.Single(await desk.TimelineAsync("province", baotou, "task-reminded"));
        // 2 August: the deadline has passed; the task is overdue and escalated to the province.
        await desk.AdvanceToAsync(2022, 8, 2, 9);
        Assert.Single(await desk.TimelineAsync("province", baotou, "task-overdue"));
        var escalated = await ListAsync(await desk.AsAsync("province"), "overdue");
        Assert.True(escalated.Single(r => r!["caseId"]!.GetValue<string>() == baotou)!["overdue"]!.GetValue<bool>());
        await desk.DecideAsync("baotou", baotou, "complete", new { outcome = "recommend", comment = "逾期补办，推荐" });
        var baotouDraw = Assert.Single(await desk.TimelineAsync("province", baotou, "experts-drawn"));
        var expert4 = await factory.UserIdAsync("expert4");
        Assert.Contains(baotouDraw["excluded"]!.AsArray(), e => e!["userId"]!.GetValue<string>() == expert4);
        await desk.ScoreAsync(baotou, new Dictionary<string, double> { ["expert1"] = 85, ["expert2"] = 90, ["expert3"] = 60 }, Criteria);

        // 1 September: the window closed at the end of 31 August; the ranking waits for the province.
        await desk.AdvanceToAsync(2022, 9, 1, 10);
        await AssertProblemAsync(await desk.PostAsync("school2", $"/api/cases/{batch}/applications", new { form = Application("0101") }), HttpStatusCode.Conflict);
        await desk.DecideAsync("province", batch, "approve", new { comment = "同意按排序结果公示" });

        // 5 September: 呼和浩特技工学校 objects during the notice; the notice pauses until the province dismisses it.
        await desk.AdvanceToAsync(2022, 9, 5, 10);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsync("school2", $"/api/cases/{batch}/objections", new { reason = "包头技师学院的合作企业协议已过期" })).StatusCode);
        await desk.AdvanceToAsync(2022, 9, 6, 10);
        await desk.DecideAsync("province", batch, "complete", new { outcome = "dismissed", comment = "经核实协议已续签，异议不成立" });
        await desk.AdvanceToAsync(2022, 9, 20, 10);

        var view = await desk.CaseAsync("province", batch);
        Assert.Equal("Finished", view["status"]!.GetValue<string>());
        var selection = view["output"]!["selection"]!.AsArray();
        Assert.Equal([lathe, baotou, cnc], selection.Take(3).Select(s => s!["caseId"]!.GetValue<string>()));
        Assert.Equal([88.0, 85.0, 75.0], selection.Take(3).Select(s => s!["score"]!.GetValue<double>()));
        Assert.Equal([true, true, false], selection.Take(3).Select(s => s!["selected"]!.GetValue<bool>()));
        Assert.Equal(("包头技师学院", "包头市"), (selection[1]!["orgName"]!.GetValue<string>(), selection[1]!["cityName"]!.GetValue<string>()));
        Assert.All(selection.Skip(3), s => Assert.Equal("盟市未推荐", s!["note"]!.GetValue<string>()));
        var kinds = view["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("objection-raised", kinds);
        Assert.Contains("objection-dismissed", kinds);
        Assert.Contains("notice-resumed", kinds);
        Assert.True(view["journalIntact"]!.GetValue<bool>());
        await factory.AssertEveryNodeJournaledAsync("ythh-application");
        await factory.AssertEveryNodeJournaledAsync("ythh-batch", notReached: ["adjust", "void"]);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    private static JsonObject Application(string majorCode) => new()
    {
        ["majorCode"] = majorCode,
        ["teachers"] = 16,
        ["integratedTeachers"] = 20,
        ["partnerEnterprise"] = "内蒙古第一机械集团有限公司",
        ["trainingFacilities"] = "一体化教学工作站 6 个，共 1800 平方米",
        ["plan"] = "以典型工作任务重构课程，三年内建成校企共建的工学一体化专业。",
        ["contact"] = "王老师 0471-0000000",
    };
}
