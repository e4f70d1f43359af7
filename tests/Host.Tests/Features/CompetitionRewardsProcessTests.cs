using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.ApiSteps;
using static Approvals.Host.Tests.NoticeSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>
/// 技能大赛奖励审批 from the school's list to the finance bureau's payment on a fake clock, each step by the demo user
/// whose job it is: a return for revision, then the education bureau reminded before its deadline and, past it,
/// told it is overdue while the city HR bureau above it sees the escalation.
/// </summary>
public sealed class CompetitionRewardsProcessTests : IAsyncLifetime
{
    private readonly string databaseFile = HostFactory.NewDatabaseFile();
    private string caseId = "";

    private HostFactory Factory { get; set; } = null!;

    public Task InitializeAsync()
    {
        // Monday 2 March 2026, 09:00 in Beijing: the education bureau's 10 working days end on Monday 16 March, its
        // reminder comes 2 working days before, on Thursday 12 March.
        Factory = new HostFactory(databaseFile) { Clock = ScenarioClock.At(2026, 3, 2) };
        Factory.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    [Fact]
    public async Task CompetitionRewards_ReturnedRemindedOverdueAndEscalatedThenApprovedAndPaid_TheSchoolReadsTheRewardsAndEveryStep()
    {
        using (var school = await Factory.SignInAsync("school"))
        using (var education = await Factory.SignInAsync("education"))
        {
            var started = await school.PostAsJsonAsync("/api/cases", new
            {
                definitionId = "competition-rewards",
                form = new JsonObject { ["winners"] = new JsonArray(Winner("张三", "全国", 1, "教育行政部门", "")) },
            });
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            caseId = (await ReadAsync(started))["id"]!.GetValue<string>();

            await DecideAsync(education, "return", new { comment = "请补充指导教师和协会赛项" });
            await DecideAsync(school, "resubmit", new
            {
                data = new JsonObject
                {
                    ["winners"] = new JsonArray(
                        Winner("张三", "全国", 1, "教育行政部门", "陈老师"),
                        Winner("张三", "全省", 2, "教育行政部门", "陈老师"),
                        Winner("李四", "全省", 1, "行业协会", ""),
                        Winner("王五", "全市", 4, "人社部门", "")),
                },
            });
        }

        // Thursday 12 March: two working days before the deadline the education bureau is reminded; nothing is overdue yet.
        await Factory.AdvanceToAsync(new DateTimeOffset(2026, 3, 12, 9, 30, 0, TimeSpan.FromHours(8)));
        using (var education = await Factory.SignInAsync("education"))
        using (var hr = await Factory.SignInAsync("hohhot"))
        {
            Assert.Contains(await MyNotificationsAsync(education), n => IsAbout(n, "reminder") && n!["title"]!.GetValue<string>().Contains("截止 2026-03-16 09:00", StringComparison.Ordinal));
            Assert.DoesNotContain(await MyNotificationsAsync(education), n => IsAbout(n, "overdue"));
            Assert.DoesNotContain(await ListAsync(hr, "overdue", "&pageSize=100"), row => row!["caseId"]!.GetValue<string>() == caseId);
        }

        // Tuesday 17 March: past the deadline, the bureau is told and the city HR bureau supervising it sees it in 超时.
        await Factory.AdvanceToAsync(new DateTimeOffset(2026, 3, 17, 9, 0, 0, TimeSpan.FromHours(8)));
        using (var school = await Factory.SignInAsync("school"))
        using (var education = await Factory.SignInAsync("education"))
        using (var hr = await Factory.SignInAsync("hohhot"))
        using (var finance = await Factory.SignInAsync("finance"))
        {
            await ScenarioClock.AssertRemindedAndEscalatedAsync(education, hr, caseId);
            var escalation = Assert.Single(await MyNotificationsAsync(hr), n => IsAbout(n, "escalated"))!;
            Assert.StartsWith("呼和浩特市教育局的“", escalation["body"]!.GetValue<string>(), StringComparison.Ordinal);
            var overdue = Assert.Single(await ListAsync(hr, "overdue", "&pageSize=100"), row => row!["caseId"]!.GetValue<string>() == caseId)!;
            Assert.True(overdue["overdue"]!.GetValue<bool>());

            await DecideAsync(education, "approve", new { comment = "核算无误" });
            await DecideAsync(hr, "approve", new { comment = "同意拨付" });
            await DecideAsync(finance, "complete", new { outcome = "paid", comment = "已拨付" });

            var view = await GetCaseAsync(school, caseId);
            Assert.Equal("Finished", view["status"]!.GetValue<string>());
            var totals = view["output"]!["totals"]!;
            Assert.Equal(45000, totals["overall"]!.GetValue<decimal>());
            Assert.Equal((20000m, 20000m, 5000m, 0m), (Paid(totals, "张三"), Paid(totals, "陈老师"), Paid(totals, "李四"), Paid(totals, "王五")));
            var lines = view["output"]!["lines"]!.AsArray();
            Assert.Equal(6, lines.Count);
            Assert.All(lines, l => Assert.Matches(
                $@"^(指导教师按获奖学生标准：)?{l!["level"]!.GetValue<string>()}(.等奖 \d+ 元|第 \d+ 等次不在奖励标准中，不予奖励)", l["rule"]!.GetValue<string>()));
            Assert.Contains(lines, l => l!["rule"]!.GetValue<string>() == "全省一等奖 10000 元 × 行业协会举办减半（0.5）= 5000 元");
            Assert.Equal("未获三等奖及以上奖项", lines.Single(l => l!["person"]!.GetValue<string>() == "王五")!["excluded"]!.GetValue<string>());
            await Factory.AssertEveryNodeJournaledAsync("competition-rewards", notReached: "end-rejected");
            var timeline = view["timeline"]!.AsArray();
            Assert.Contains(timeline, e => e!["kind"]!.GetValue<string>() == "returned" && e["nodeId"]!.GetValue<string>() == "education");
            Assert.Single(timeline, e => e!["kind"]!.GetValue<string>() == "task-reminded" && e["nodeId"]!.GetValue<string>() == "education");
            Assert.Single(timeline, e => e!["kind"]!.GetValue<string>() == "task-overdue" && e["nodeId"]!.GetValue<string>() == "education");
        }
    }

    private bool IsAbout(JsonNode? notification, string kind) =>
        notification!["kind"]!.GetValue<string>() == kind && notification["caseId"]?.GetValue<string>() == caseId;

    private Task DecideAsync(HttpClient who, string action, object body) => ApiSteps.DecideAsync(who, caseId, action, body);

    private static decimal Paid(JsonNode totals, string person) => totals["byPerson"]![person]!.GetValue<decimal>();

    private static JsonObject Winner(string name, string level, int rank, string organiser, string instructors) => new()
    {
        ["name"] = name, ["role"] = "学生", ["event"] = "数控车", ["level"] = level, ["rank"] = rank, ["organiser"] = organiser,
        ["year"] = 2024, ["instructors"] = instructors,
    };
}
