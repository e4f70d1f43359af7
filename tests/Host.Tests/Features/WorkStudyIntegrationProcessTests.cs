using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>
/// 工学一体化 (内人社办发〔2022〕111号 三) through the API as the demo roles, on the plan's real dates. Phase 1: schools apply
/// within their quota, the province grants an exception, cities recommend within theirs (one application returned for
/// revision, one city overdue and escalated), experts drawn with 回避 score, the province ranks and approves, an
/// objection during 公示 is dismissed, the list is announced. Phase 2: the second batch, and the 优质课堂 / 精品课程 /
/// 示范专业 evaluations. Phase 3: the second batch's majors assessed (pass, rectify, fail) and the third batch selected,
/// where an upheld objection takes one school off the list. The programme ends with its achievements.
/// </summary>
public sealed class WorkStudyIntegrationProcessTests : IDisposable
{
    private static readonly string[] BatchCriteria = ["建设基础", "师资队伍", "校企合作", "建设方案"];
    private static readonly string[] EvaluationCriteria = ["目标与设计", "实施过程", "成效与示范"];
    private static readonly string[] AssessmentCriteria = ["建设进度", "课程教学改革", "师资培养", "校企合作"];

    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    // Monday 28 March 2022, 09:00 in Beijing: the province records the plan before its first phase begins.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2022, 3, 28, 9, 0, 0, SelectionDesk.Beijing));

    [Fact]
    public async Task Programme_ThreePhasesOnTheirDates_SelectsEvaluatesAndAssessesUpToTheAchievements()
    {
        await using var factory = new HostFactory(databaseFile) { Clock = clock };
        using var desk = new SelectionDesk(factory, clock);
        var programme = await desk.StartCaseAsync("province", "ythh-programme", new JsonObject
        {
            ["programmeName"] = "内蒙古自治区推进技工院校工学一体化技能人才培养模式",
            ["phase1Start"] = "2022-04-01", ["phase1End"] = "2023-07-31",
            ["phase2Start"] = "2023-09-01", ["phase2End"] = "2024-12-31",
            ["phase3Start"] = "2024-07-01", ["phase3End"] = "2025-07-31",
            ["targetMajors"] = 20, ["targetSchools"] = 10, ["targetTeachers"] = 200,
            ["cityQuota"] = 2, ["noticeDays"] = 5,
        });

        // Phase 1 begins on 1 April 2022; on 11 July, after the plan of 30 June, the province opens the first batch.
        await desk.AdvanceToAsync(2022, 4, 1, 10);
        await desk.AdvanceToAsync(2022, 7, 11, 9);
        var batch1 = await OpenAsync(desk, programme, "open1", "batch1", new JsonObject { ["batch1ClosesAt"] = "2022-08-31", ["batch1SelectCount"] = 2 });
        await FirstBatchAsync(factory, desk, batch1);

        // Phase 2 begins on 1 September 2023: the second batch and the three evaluations.
        await desk.AdvanceToAsync(2023, 9, 4, 9);
        var batch2 = await OpenAsync(desk, programme, "open2", "batch2", new JsonObject { ["batch2ClosesAt"] = "2023-10-31", ["batch2SelectCount"] = 3 });
        var evaluations = await OpenAllAsync(desk, programme, "open-evaluations", "evaluations",
            new JsonObject { ["evaluationClosesAt"] = "2023-11-30", ["evaluationSelectCount"] = 1 });
        Assert.Equal(3, evaluations.Count);
        var (college2, school2, baotou2) = await SecondBatchAsync(desk, batch2);
        await EvaluationsAsync(desk, evaluations);
        await desk.AdvanceToAsync(2023, 12, 29, 10);
        foreach (var evaluation in evaluations)
        {
            Assert.Equal("Finished", (await desk.CaseAsync("province", evaluation))["status"]!.GetValue<string>());
        }

        // Phase 3 begins on 1 July 2024: the second batch's majors are assessed while the third batch is selected.
        await desk.AdvanceToAsync(2024, 7, 2, 9);
        var assessments = await desk.ChildrenAsync("province", programme, "assess");
        Assert.Equal(3, assessments.Count);
        await AssessAsync(desk, assessments);
        await desk.AdvanceToAsync(2024, 9, 2, 9);
        var batch3 = await OpenAsync(desk, programme, "open3", "batch3", new JsonObject { ["batch3ClosesAt"] = "2024-10-31", ["batch3SelectCount"] = 2 });
        var (school3rd, baotou3rd) = await ThirdBatchAsync(desk, batch3);

        var plan = await desk.CaseAsync("province", programme);
        Assert.Equal("Finished", plan["status"]!.GetValue<string>());
        var achievements = plan["output"]!["achievements"]!;
        Assert.Equal((6, 3, 3), (achievements["majors"]!.GetValue<int>(), achievements["schools"]!.GetValue<int>(), achievements["evaluated"]!.GetValue<int>()));
        Assert.Equal(["合格", "整改后合格", "不合格"], achievements["assessed"]!.AsArray().Select(a => a!.GetValue<string>()));
        var assessed = plan["output"]!["assessments"]!.AsArray();
        Assert.Equal([college2, school2, baotou2], assessed.Select(a => a!["output"]!["majorCode"]!.GetValue<string>()));
        var third = (await desk.CaseAsync("province", batch3))["output"]!["selection"]!.AsArray();
        Assert.Equal([school3rd, baotou3rd], third.Select(s => s!["caseId"]!.GetValue<string>()));
        Assert.Equal([true, false], third.Select(s => s!["selected"]!.GetValue<bool>()));
        Assert.Equal("已排除：异议成立：合作企业材料不实", third[1]!["note"]!.GetValue<string>());

        // The board of the last batch reads the programme against its targets: six majors, three schools, 120 teachers.
        var board = (await DashboardAsync(desk, "province", batch3))["programme"]!;
        Assert.Equal((20, 10, 200), (board["targets"]!["majors"]!.GetValue<int>(), board["targets"]!["schools"]!.GetValue<int>(),
            board["targets"]!["teachers"]!.GetValue<int>()));
        Assert.Equal((6, 3, 120), (board["achieved"]!["majors"]!.GetValue<int>(), board["achieved"]!["schools"]!.GetValue<int>(),
            board["achieved"]!["teachers"]!.GetValue<int>()));
        Assert.Equal([2, 3, 1], board["batches"]!.AsArray().Select(b => b!["selected"]!.GetValue<int>()));

        await factory.AssertEveryNodeJournaledAsync("ythh-programme");
        await factory.AssertEveryNodeJournaledAsync("ythh-batch", notReached: "void");
        await factory.AssertEveryNodeJournaledAsync("ythh-application");
        await factory.AssertEveryNodeJournaledAsync("ythh-evaluation", notReached: ["adjust", "void"]);
        await factory.AssertEveryNodeJournaledAsync("ythh-entry");
        await factory.AssertEveryNodeJournaledAsync("ythh-assessment");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    /// <summary>The province opens one child of the programme (a batch) with its settings; the child's case id.</summary>
    private static async Task<string> OpenAsync(SelectionDesk desk, string programme, string openStep, string childStep, JsonObject settings) =>
        Assert.Single(await OpenAllAsync(desk, programme, openStep, childStep, settings));

    private static async Task<List<string>> OpenAllAsync(SelectionDesk desk, string programme, string openStep, string childStep, JsonObject settings)
    {
        await desk.ActOnStepAsync("province", programme, openStep, "complete", new { outcome = "done", data = settings });
        return await desk.ChildrenAsync("province", programme, childStep);
    }

    /// <summary>The first batch in detail: every rule and every exception of the selection.</summary>
    private static async Task FirstBatchAsync(HostFactory factory, SelectionDesk desk, string batch)
    {
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
        // The experts do not see the applicant's contact (字段权限: hidden at 专家评审), in the form or in the journal; the school does.
        var seenByExpert = await desk.CaseAsync("expert1", lathe);
        Assert.Null(seenByExpert["form"]!["contact"]);
        Assert.Equal(["contact"], seenByExpert["hiddenFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(16, seenByExpert["form"]!["teachers"]!.GetValue<int>());
        Assert.Null(seenByExpert["timeline"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "started")!["data"]!["form"]!["contact"]);
        var seenBySchool = await desk.CaseAsync("school", lathe);
        Assert.Equal("王老师 0471-0000000", seenBySchool["form"]!["contact"]!.GetValue<string>());
        Assert.Empty(seenBySchool["hiddenFields"]!.AsArray());
        await desk.ScoreAsync(lathe, new Dictionary<string, double> { ["expert1"] = 88, ["expert2"] = 80, ["expert4"] = 95 }, BatchCriteria);
        await desk.ScoreAsync(cnc, new Dictionary<string, double> { ["expert1"] = 75, ["expert2"] = 70, ["expert4"] = 82 }, BatchCriteria);

        // The province's board shows every city and school against its quotas; a city and a school see only their own.
        var board = await DashboardAsync(desk, "province", batch);
        Assert.Equal((6, 2, 3, 2), (board["totals"]!["applications"]!.GetValue<int>(), board["totals"]!["recommended"]!.GetValue<int>(),
            board["totals"]!["declined"]!.GetValue<int>(), board["totals"]!["scored"]!.GetValue<int>()));
        var hohhotBoard = board["cities"]!.AsArray().Single(c => c!["cityId"]!.GetValue<string>() == "150100")!;
        Assert.Equal(("呼和浩特市", 2, 2, 5), (hohhotBoard["cityName"]!.GetValue<string>(), hohhotBoard["recommendationQuota"]!.GetValue<int>(),
            hohhotBoard["recommended"]!.GetValue<int>(), hohhotBoard["applications"]!.GetValue<int>()));
        var college = hohhotBoard["schools"]!.AsArray().Single(c => c!["orgId"]!.GetValue<string>() == "150100-01")!;
        Assert.Equal((4, true, 4), (college["quota"]!.GetValue<int>(), college["specialQuota"]!.GetValue<bool>(), college["applications"]!.GetValue<int>()));
        Assert.Equal(2, hohhotBoard["schools"]!.AsArray().Single(c => c!["orgId"]!.GetValue<string>() == "150100-05")!["quota"]!.GetValue<int>());
        var pending = board["cities"]!.AsArray().Single(c => c!["cityId"]!.GetValue<string>() == "150200")!["schools"]![0]!["applied"]![0]!;
        Assert.Equal(["盟市人社局审核推荐"], pending["currentSteps"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["150100"], (await DashboardAsync(desk, "hohhot", batch))["cities"]!.AsArray().Select(c => c!["cityId"]!.GetValue<string>()));
        Assert.Equal(1, (await DashboardAsync(desk, "school3", batch))["totals"]!["applications"]!.GetValue<int>());
        await AssertProblemAsync(await (await desk.AsAsync("finance")).GetAsync($"/api/cases/{batch}/dashboard"), HttpStatusCode.NotFound);

        // 27 July: 包头 has not reviewed its application; three working days before the deadline it is reminded.
        await desk.AdvanceToAsync(2022, 7, 27, 12);
        Assert.Single(await desk.TimelineAsync("province", baotou, "task-reminded"));
        // 2 August: the deadline has passed; the task is overdue and escalated to the province.
        await desk.AdvanceToAsync(2022, 8, 2, 9);
        Assert.Single(await desk.TimelineAsync("province", baotou, "task-overdue"));
        await ScenarioClock.AssertRemindedAndEscalatedAsync(await desk.AsAsync("baotou"), await desk.AsAsync("province"), baotou);
        await desk.DecideAsync("baotou", baotou, "complete", new { outcome = "recommend", comment = "逾期补办，推荐" });
        var baotouDraw = Assert.Single(await desk.TimelineAsync("province", baotou, "experts-drawn"));
        var expert4 = await factory.UserIdAsync("expert4");
        Assert.Contains(baotouDraw["excluded"]!.AsArray(), e => e!["userId"]!.GetValue<string>() == expert4);
        await desk.ScoreAsync(baotou, new Dictionary<string, double> { ["expert1"] = 85, ["expert2"] = 90, ["expert3"] = 60 }, BatchCriteria);

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
        var finalBoard = await DashboardAsync(desk, "province", batch);
        Assert.Equal((2, false), (finalBoard["totals"]!["selected"]!.GetValue<int>(), finalBoard["open"]!.GetValue<bool>()));
        Assert.Equal(selection.Count, finalBoard["ranking"]!.AsArray().Count);
        var kinds = view["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Contains("objection-raised", kinds);
        Assert.Contains("objection-dismissed", kinds);
        Assert.Contains("notice-resumed", kinds);
        Assert.True(view["journalIntact"]!.GetValue<bool>());
    }

    /// <summary>The second batch: three majors of three schools in two cities, all recommended and selected; their codes.</summary>
    private static async Task<(string College, string School, string Baotou)> SecondBatchAsync(SelectionDesk desk, string batch)
    {
        await desk.AdvanceToAsync(2023, 9, 11, 10);
        var college = await desk.ApplyAsync("school", batch, Application("0106"));
        var school = await desk.ApplyAsync("school2", batch, Application("0107"));
        var baotou = await desk.ApplyAsync("school3", batch, Application("0109"));
        await desk.AdvanceToAsync(2023, 9, 12, 10);
        await desk.DecideAsync("hohhot", college, "complete", new { outcome = "recommend" });
        await desk.DecideAsync("hohhot", school, "complete", new { outcome = "recommend" });
        await desk.DecideAsync("baotou", baotou, "complete", new { outcome = "recommend" });
        await desk.ScoreAsync(college, new Dictionary<string, double> { ["expert1"] = 90, ["expert2"] = 86, ["expert4"] = 92 }, BatchCriteria);
        await desk.ScoreAsync(school, new Dictionary<string, double> { ["expert1"] = 80, ["expert2"] = 78, ["expert4"] = 84 }, BatchCriteria);
        await desk.ScoreAsync(baotou, new Dictionary<string, double> { ["expert1"] = 70, ["expert2"] = 82, ["expert3"] = 76 }, BatchCriteria);

        await desk.AdvanceToAsync(2023, 11, 1, 10);
        await desk.DecideAsync("province", batch, "approve", new { comment = "同意公示" });
        await desk.AdvanceToAsync(2023, 11, 20, 10);
        var selection = (await desk.CaseAsync("province", batch))["output"]!["selection"]!.AsArray();
        Assert.Equal([college, school, baotou], selection.Select(s => s!["caseId"]!.GetValue<string>()));
        Assert.All(selection, s => Assert.True(s!["selected"]!.GetValue<bool>()));
        return ("0106", "0107", "0109");
    }

    /// <summary>优质课堂, 精品课程, 示范专业: 呼和浩特技师学院 enters each and is recommended; 呼和浩特技工学校's one entry is not.</summary>
    private static async Task EvaluationsAsync(SelectionDesk desk, List<string> evaluations)
    {
        var declined = await desk.ApplyAsync("school2", evaluations[0], Entry("模具零件加工一体化课堂"));
        await desk.DecideAsync("hohhot", declined, "complete", new { outcome = "decline", comment = "本市择优推荐一项" });
        foreach (var (evaluation, name) in evaluations.Zip(["数控车削加工一体化课堂", "数控加工精品课程", "数控加工示范专业"]))
        {
            var entry = await desk.ApplyAsync("school", evaluation, Entry(name));
            await desk.DecideAsync("hohhot", entry, "complete", new { outcome = "recommend" });
            await desk.ScoreAsync(entry, new Dictionary<string, double> { ["expert1"] = 88, ["expert2"] = 85, ["expert4"] = 90 }, EvaluationCriteria);
        }

        await desk.AdvanceToAsync(2023, 12, 1, 10);
        foreach (var evaluation in evaluations)
        {
            await desk.DecideAsync("province", evaluation, "approve", new { comment = "同意公示" });
        }
    }

    /// <summary>Each school reports on its major of the second batch; the first passes, the second is rectified, the third fails.</summary>
    private static async Task AssessAsync(SelectionDesk desk, List<string> assessments)
    {
        var (college, school, baotou) = (assessments[0], assessments[1], assessments[2]);
        foreach (var (user, assessment) in new[] { ("school", college), ("school2", school), ("school3", baotou) })
        {
            await desk.DecideAsync(user, assessment, "complete", new
            {
                outcome = "done",
                data = new JsonObject { ["selfReport"] = "已按课程标准完成一体化课程改造，建成一体化学习工作站。", ["trainedTeachers"] = 12 },
            });
        }

        await desk.DecideAsync("hohhot", college, "approve", new { comment = "同意" });
        await desk.DecideAsync("hohhot", school, "return", new { comment = "请补充一体化教师培训证明" });
        await desk.DecideAsync("school2", school, "resubmit", new { data = new JsonObject { ["trainedTeachers"] = 15 } });
        await desk.DecideAsync("hohhot", school, "approve", new { comment = "同意" });
        await desk.DecideAsync("baotou", baotou, "approve", new { comment = "同意" });
        await desk.ScoreAsync(college, new Dictionary<string, double> { ["expert1"] = 90, ["expert2"] = 88, ["expert4"] = 92 }, AssessmentCriteria);
        await desk.ScoreAsync(school, new Dictionary<string, double> { ["expert1"] = 70, ["expert2"] = 68, ["expert4"] = 72 }, AssessmentCriteria);
        await desk.ScoreAsync(baotou, new Dictionary<string, double> { ["expert1"] = 50, ["expert2"] = 55, ["expert3"] = 52 }, AssessmentCriteria);

        await desk.AdvanceToAsync(2024, 7, 15, 10);
        await desk.DecideAsync("province", college, "complete", new { outcome = "pass", comment = "考核合格" });
        await desk.DecideAsync("province", school, "complete", new { outcome = "rectify", comment = "师资培训未达计划，限期整改" });
        await desk.DecideAsync("province", baotou, "complete", new { outcome = "fail", comment = "建设进度严重滞后" });
        await desk.AdvanceToAsync(2024, 8, 15, 10);
        await desk.DecideAsync("school2", school, "complete", new { outcome = "done", data = new JsonObject { ["rectificationReport"] = "已完成 20 名教师的一体化师资培训。" } });
        await desk.DecideAsync("province", school, "complete", new { outcome = "pass", comment = "整改到位" });
    }

    /// <summary>
    /// The third batch: 包头技师学院 ranks first, but an objection during the notice is upheld, the province excludes it,
    /// ranks again and puts the new list on notice for the full period.
    /// </summary>
    private static async Task<(string School, string Baotou)> ThirdBatchAsync(SelectionDesk desk, string batch)
    {
        var school = await desk.ApplyAsync("school2", batch, Application("0205"));
        var baotou = await desk.ApplyAsync("school3", batch, Application("0203"));
        await desk.AdvanceToAsync(2024, 9, 3, 10);
        await desk.DecideAsync("hohhot", school, "complete", new { outcome = "recommend" });
        await desk.DecideAsync("baotou", baotou, "complete", new { outcome = "recommend" });
        await desk.ScoreAsync(school, new Dictionary<string, double> { ["expert1"] = 85, ["expert2"] = 80, ["expert4"] = 88 }, BatchCriteria);
        await desk.ScoreAsync(baotou, new Dictionary<string, double> { ["expert1"] = 90, ["expert2"] = 91, ["expert3"] = 87 }, BatchCriteria);

        await desk.AdvanceToAsync(2024, 11, 1, 10);
        await desk.DecideAsync("province", batch, "approve", new { comment = "同意公示" });
        await desk.AdvanceToAsync(2024, 11, 5, 10);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsync("school", $"/api/cases/{batch}/objections", new { reason = "包头技师学院申报的合作企业材料不实" })).StatusCode);
        await desk.DecideAsync("province", batch, "complete", new { outcome = "upheld", comment = "经核查，合作企业材料不实，异议成立" });
        await desk.DecideAsync("province", batch, "complete", new
        {
            outcome = "done",
            data = new JsonObject { ["excluded"] = new JsonArray(new JsonObject { ["caseId"] = baotou, ["reason"] = "异议成立：合作企业材料不实" }) },
        });
        await desk.DecideAsync("province", batch, "approve", new { comment = "同意按调整后的名单重新公示" });
        await desk.AdvanceToAsync(2024, 11, 20, 10);
        return (school, baotou);
    }

    private static async Task<JsonObject> DashboardAsync(SelectionDesk desk, string userName, string batchId)
    {
        var response = await (await desk.AsAsync(userName)).GetAsync($"/api/cases/{batchId}/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    private static JsonObject Entry(string name) => new()
    {
        ["entryName"] = name,
        ["majorCode"] = "0103",
        ["leader"] = "李老师",
        ["summary"] = "按国家工学一体化评价标准整理的教学设计、实施记录和学生作品。",
    };

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
