// The case page and the notice board in Chromium against the real Host. A school's 技能大赛奖励 case, started through
// the API, shows its process diagram with the current step marked, the reward lines with their rules and totals and
// the exports that apply; returned and resubmitted, its timeline shows each comment once, and the finance bureau pays
// it with the button the definition names 拨付. A selection batch put on 公示 through the API appears on another
// city's school's 公示公告 page with its text and period, and the school objects to it. Every page is a screenshot.
using System.Text.Json;
using System.Text.RegularExpressions;
using Approvals.Web.Tests.Support;
using Microsoft.Playwright;

namespace Approvals.Web.Tests;

public sealed partial class CasePagesInBrowserTests : BrowserTest
{

    /// <summary>The diagram's chunk and its layout (and a notice's text) load after the page: on a busy machine that takes longer than a click.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions DiagramLoads = new() { Timeout = 30_000 };

    /// <summary>A batch whose ranking comes with its start form; the province confirms it and the 公示 starts.</summary>
    private const string SelectionBatch = """
        {
          "id": "browser-selection-batch", "name": "遴选批次（页面测试）",
          "variables": [ { "name": "selection", "label": "遴选结果", "type": "array" } ],
          "nodes": [
            { "id": "start", "kind": "Start", "name": "开启批次" },
            { "id": "select", "kind": "SetVariable", "name": "排序遴选", "inputs": { "variable": "selection", "value": "form.selection" } },
            { "id": "confirm", "kind": "UserTask", "name": "确认遴选结果",
              "inputs": { "assignee": { "role": "province_reviewer", "org": "150000" }, "title": "确认遴选结果", "outcomes": ["confirmed"],
                "outcomeNames": { "confirmed": "确认" } } },
            { "id": "notice", "kind": "PublicNotice", "name": "公示",
              "inputs": { "days": 5, "title": "2026年工学一体化第一批遴选结果公示", "handler": { "role": "province_reviewer", "org": "150000" } } },
            { "id": "end", "kind": "End", "name": "公布名单" },
            { "id": "withdrawn", "kind": "End", "name": "异议成立" }
          ],
          "edges": [
            { "source": "start", "outcome": "done", "target": "select" },
            { "source": "select", "outcome": "done", "target": "confirm" },
            { "source": "confirm", "outcome": "confirmed", "target": "notice" },
            { "source": "notice", "outcome": "done", "target": "end" },
            { "source": "notice", "outcome": "objection-upheld", "target": "withdrawn" }
          ]
        }
        """;

    [Fact]
    public async Task RewardCase_DiagramRewardLinesAndExports_ThenReturnedResubmittedAndPaidByItsNamedOutcome()
    {
        var schoolApi = await ApiAsync("school");
        var caseId = (await schoolApi.PostAsync("/api/cases", new
        {
            definitionId = "competition-rewards",
            title = "2025年技能大赛获奖奖励",
            form = new { winners = Winners() },
        })).GetProperty("id").GetString()!;

        // The school's page: the diagram marks what is done and where the case waits; the rewards are itemised.
        var school = await SignInAsync("school");
        await school.GotoAsync(Url($"/cases/{caseId}"));
        var diagram = school.GetByTestId("case-diagram");
        await Expect(diagram.GetByTestId("step-education")).ToHaveAttributeAsync("data-status", "current", DiagramLoads);
        await Expect(diagram.GetByTestId("step-start")).ToHaveAttributeAsync("data-status", "done");
        await Expect(diagram.GetByTestId("step-calculate")).ToHaveAttributeAsync("data-status", "done");
        await Expect(diagram.GetByTestId("step-finance")).ToHaveAttributeAsync("data-status", "pending");
        await Expect(diagram.GetByTestId("step-education")).ToContainTextAsync("教育局审核");
        await Expect(diagram.Locator(".react-flow__edge-text").Filter(new() { HasText = "拨付" })).ToHaveCountAsync(1);
        await Expect(diagram.Locator(".react-flow__edge-text").Filter(new() { HasText = "不同意" })).ToHaveCountAsync(2);
        var legend = school.GetByTestId("diagram-legend");
        foreach (var word in new[] { "已完成", "当前", "未到达", "已走路线" })
        {
            await Expect(legend).ToContainTextAsync(word);
        }

        var rewards = school.GetByTestId("reward-details");
        var lines = rewards.Locator(".reward-lines");
        await Expect(lines.GetByRole(AriaRole.Row).Filter(new() { HasText = "李四" }))
            .ToContainTextAsync("全省一等奖 10000 元 × 行业协会举办减半（0.5）= 5000 元");
        await Expect(lines.GetByRole(AriaRole.Row).Filter(new() { HasText = "王五" })).ToContainTextAsync("不予奖励：未获三等奖及以上奖项");
        await Expect(rewards.GetByTestId("reward-overall")).ToHaveTextAsync("45,000");
        await Expect(rewards.Locator(".reward-people").GetByRole(AriaRole.Row).Filter(new() { HasText = "陈老师" })).ToContainTextAsync("20,000");
        var exports = school.GetByTestId("case-exports");
        await Expect(exports.GetByRole(AriaRole.Link, new() { Name = "奖励核算表（Excel）" })).ToBeVisibleAsync();
        await Expect(exports.GetByRole(AriaRole.Link, new() { Name = "奖励核算表（打印）" })).ToBeVisibleAsync();
        await Expect(exports.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        var printLink = await exports.GetByRole(AriaRole.Link, new() { Name = "奖励核算表（打印）" }).GetAttributeAsync("href");
        var print = await school.Context.APIRequest.GetAsync(Url(printLink!));
        Assert.Equal(200, print.Status);
        Assert.Contains("技能大赛获奖奖励核算表", await print.TextAsync(), StringComparison.Ordinal);
        await ShotAsync(school, "30-案件详情-流程图");
        await rewards.ScrollIntoViewIfNeededAsync();
        await ShotAsync(school, "31-奖励明细", rewards);

        // Returned with a reason and resubmitted, then approved by the education bureau and the city.
        var education = await ApiAsync("education");
        await education.ActAsync(caseId, "return", new { comment = "请补充获奖证书扫描件" });
        await schoolApi.ActAsync(caseId, "resubmit", new { comment = "已补充获奖证书", data = new { winners = Winners() } });
        await education.ActAsync(caseId, "approve", new { comment = "材料齐全，同意" });
        await (await ApiAsync("hohhot")).ActAsync(caseId, "approve", new { });

        // The finance bureau sees the route so far, each comment once, and pays with the button named 拨付.
        var finance = await SignInAsync("finance");
        await finance.GotoAsync(Url($"/cases/{caseId}"));
        await Expect(finance.GetByTestId("step-finance")).ToHaveAttributeAsync("data-status", "current", DiagramLoads);
        await Expect(finance.GetByTestId("step-hr")).ToHaveAttributeAsync("data-status", "done");
        var timeline = finance.Locator(".case-timeline");
        await Expect(timeline.GetByText("意见：请补充获奖证书扫描件")).ToHaveCountAsync(1);
        await Expect(timeline.GetByText("意见：已补充获奖证书")).ToHaveCountAsync(1);
        await Expect(timeline.Locator(".ant-tag").Filter(new() { HasText = "退回修改" })).ToHaveCountAsync(1);
        await Expect(finance.GetByTestId("step-actions").GetByRole(AriaRole.Button, new() { Name = "paid" })).ToHaveCountAsync(0);
        await finance.GetByTestId("step-actions").GetByRole(AriaRole.Button, new() { Name = "拨付" }).ClickAsync();
        await Expect(finance.GetByText("已拨付")).ToBeVisibleAsync();
        await Expect(finance.GetByTestId("case-status")).ToHaveTextAsync("已办结");
        await Expect(finance.GetByTestId("step-end")).ToHaveAttributeAsync("data-status", "done");
        await Expect(finance.GetByTestId("step-end-rejected")).ToHaveAttributeAsync("data-status", "pending");
    }

    [Fact]
    public async Task SelectionBatchOnNotice_AnotherCitysSchoolReadsItAndObjects()
    {
        var admin = await ApiAsync("admin");
        await admin.PostRawAsync("/api/definitions/browser-selection-batch/publish", SelectionBatch);
        var province = await ApiAsync("province");
        var caseId = (await province.PostAsync("/api/cases", new
        {
            definitionId = "browser-selection-batch",
            title = "2026年工学一体化第一批",
            form = new
            {
                selection = new object[]
                {
                    Entry(1, "150100-01", "呼和浩特技师学院", "150100", "呼和浩特市", "数控加工技术", 92.5, true),
                    Entry(2, "150200-01", "包头技师学院", "150200", "包头市", "焊接加工", 90, true),
                    Entry(3, "150200-03", "包头高级技工学校", "150200", "包头市", "汽车维修", 70, false),
                },
            },
        })).GetProperty("id").GetString()!;
        await province.ActAsync(caseId, "complete", new { outcome = "confirmed" });

        // A school of another city: the province's notice is public to it, with its text and period.
        var school = await SignInAsync("school3");
        await school.GetByRole(AriaRole.Link, new() { Name = "公示公告" }).ClickAsync();
        await Expect(school.GetByRole(AriaRole.Heading, new() { Name = "公示公告" })).ToBeVisibleAsync();
        var notice = school.GetByTestId("notice").Filter(new() { HasText = "2026年工学一体化第一批遴选结果公示" });
        await Expect(notice.GetByText("公示中")).ToBeVisibleAsync();
        await Expect(notice.GetByTestId("notice-text")).ToContainTextAsync("2. 包头技师学院（包头市）：焊接加工", new() { Timeout = 30_000 });
        await Expect(notice.GetByTestId("notice-text")).Not.ToContainTextAsync("包头高级技工学校");
        await Expect(notice.GetByTestId("notice-period")).ToContainTextAsync(new Regex(@"共 5 个工作日，剩 5 个工作日"));
        var period = NoticePeriod().Match(await notice.GetByTestId("notice-text").InnerTextAsync());
        Assert.True(period.Success, "the notice text names its period");
        await Expect(notice.GetByTestId("notice-period")).ToContainTextAsync($"{period.Groups[1].Value} 至 {period.Groups[2].Value}");
        await Expect(notice.GetByRole(AriaRole.Link, new() { Name = "2026年工学一体化第一批" })).ToHaveCountAsync(0);
        await ShotAsync(school, "32-公示公告");

        // The objection needs a reason; once raised, the notice pauses.
        await notice.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();
        await Expect(notice.Locator(".ant-form-item-explain-error").GetByText("请填写异议理由")).ToBeVisibleAsync();
        await notice.GetByLabel("异议理由").FillAsync("包头技师学院焊接加工专业的合作企业协议已过期。");
        await notice.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();
        await Expect(school.GetByText("异议已提交，公示暂停，待主管部门处理。")).ToBeVisibleAsync();
        await Expect(notice.GetByText("异议处理中，公示暂停")).ToBeVisibleAsync();
        await Expect(notice.GetByTestId("notice-period")).ToContainTextAsync("尚余 5 个工作日");
        await ShotAsync(school, "33-提出异议");
    }

    private static object[] Winners() =>
    [
        Winner("张三", "全国", 1, "教育行政部门", "陈老师"),
        Winner("李四", "全省", 1, "行业协会", ""),
        Winner("王五", "全市", 4, "人社部门", ""),
    ];

    private static object Winner(string name, string level, int rank, string organiser, string instructors) => new
    {
        name, role = "学生", @event = "数控车", level, rank, organiser, year = 2025, instructors,
    };

    private static object Entry(int rank, string orgId, string orgName, string cityId, string cityName, string title, double score, bool selected) => new
    {
        rank, caseId = Guid.NewGuid().ToString(), orgId, orgName, cityId, cityName, title, score, selected, note = (string?)null,
    };

    [GeneratedRegex(@"公示时间为(\d+年\d+月\d+日)至(\d+年\d+月\d+日)")]
    private static partial Regex NoticePeriod();
}
