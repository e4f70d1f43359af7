// Versions made in 流程设计器, in Chromium against the real Host. A school's 专业增设备案 is running on version 1 when
// the administrator adds a 盟市人社局复核 step by mouse and keyboard and publishes version 2: the version history lists
// the case on version 1, the case is then worked to its end on version 1 without ever visiting the new step, and a
// case started afterwards reaches it. And a dry run from the designer lists its route and marks it on the canvas.
using System.Text.Json;
using System.Text.RegularExpressions;
using Approvals.Web.Tests.Support;
using Microsoft.Playwright;

namespace Approvals.Web.Tests;

public sealed class DesignerVersionsInBrowserTests : BrowserTest
{
    private const string Shipped = "major-addition-filing";

    /// <summary>The city's checklist in the shipped definition: approving needs a verdict on every item.</summary>
    private static readonly string[] FilingStandard =
        ["产业和劳动力市场需求", "专任教师队伍", "实训场地与设备", "校企合作企业", "人才培养方案与课程设置", "招生计划与办学规模"];

    /// <summary>The designer and the diagrams load their chunks and lay themselves out; on a busy machine that takes longer than a click.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions ChunksLoad = new() { Timeout = 30_000 };

    [Fact]
    public async Task Case_started_on_version_1_finishes_on_version_1_after_the_designer_publishes_version_2()
    {
        var school = await ApiAsync("school");
        var before = await StartFilingAsync(school, "0103", "数控加工技术");
        Assert.Equal(1, (await school.GetAsync($"/api/cases/{before}")).GetProperty("definitionVersion").GetInt32());

        // The administrator drops a 办理 step on the canvas and makes it 盟市人社局复核 for the applicant's city.
        var admin = await SignInAsync("admin");
        await admin.GotoAsync(Url($"/admin/processes/{Shipped}/design"));
        var canvas = admin.GetByTestId("canvas");
        var status = admin.GetByTestId("validation-status");
        await Expect(status).ToHaveAttributeAsync("data-valid", "true", ChunksLoad);
        await Expect(canvas.Locator(".react-flow__node")).ToHaveCountAsync(8);
        var area = (await canvas.BoundingBoxAsync())!;
        await admin.GetByTestId("palette-UserTask").DragToAsync(canvas, new() { TargetPosition = new() { X = area.Width - 120, Y = 150 } });
        await Expect(admin.GetByTestId("node-user-task")).ToBeVisibleAsync();
        await Expect(status).ToHaveAttributeAsync("data-valid", "false");

        var properties = admin.GetByTestId("properties");
        await properties.GetByTestId("node-id").FillAsync("recheck");
        await properties.GetByTestId("node-id").PressAsync("Enter");
        var recheck = admin.GetByTestId("node-recheck");
        await Expect(recheck).ToBeVisibleAsync();
        await properties.GetByTestId("node-name").FillAsync("");
        await properties.GetByTestId("node-name").PressSequentiallyAsync("盟市人社局复核");
        await properties.GetByTestId("node-name").PressAsync("Enter");
        await Expect(recheck).ToContainTextAsync("盟市人社局复核");
        await PickAsync(admin, properties.GetByTestId("input-assignee-role"), "盟市审核人");
        await PickAsync(admin, properties.GetByTestId("input-assignee-org"), "申请单位的上级");

        // Its 办结 leads to the province (picked in the panel); the city's 同意 is dragged from its handle onto it.
        await PickAsync(admin, properties.GetByTestId("connect-done"), "自治区人社厅备案（province）");
        await DragAsync(admin, admin.GetByTestId("handle-city-approve"), recheck.Locator(".react-flow__handle.target"));
        await admin.GetByTestId("node-city").ClickAsync();
        await Expect(properties.GetByTestId("connect-approve")).ToContainTextAsync("盟市人社局复核（recheck）");

        // 自动排版 puts the new step between the two; the layout is done when the step has moved.
        var placedAt = canvas.Locator(".react-flow__node[data-id='recheck']");
        var dropped = await placedAt.GetAttributeAsync("style");
        await admin.GetByTestId("auto-layout").ClickAsync();
        await Expect(placedAt).Not.ToHaveAttributeAsync("style", dropped!);
        await Expect(status).ToHaveAttributeAsync("data-valid", "true");
        await Expect(recheck).Not.ToHaveClassAsync(new Regex(@"\bhas-problems\b"));
        var publish = admin.GetByTestId("publish");
        await Expect(publish).ToBeEnabledAsync();
        await Expect(admin.GetByText("已发布至第 1 版 · 有未保存的修改", new() { Exact = true })).ToBeVisibleAsync();
        await ShotAsync(admin, "75-流程设计-新增复核环节");

        await publish.ClickAsync();
        var confirm = admin.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "发布为新版本？" });
        await confirm.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await Expect(confirm).ToBeHiddenAsync();
        await Expect(admin.GetByText("已发布为第 2 版")).ToBeVisibleAsync();
        // Publishing removed the draft: the page says so and no longer holds unsaved changes.
        await Expect(admin.GetByText("已发布至第 2 版", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(status).ToHaveAttributeAsync("data-valid", "true");
        await ShotAsync(admin, "76-流程设计-发布为第2版");

        var published = await (await ApiAsync("admin")).GetAsync($"/api/definitions/{Shipped}");
        Assert.Equal(2, published.GetProperty("version").GetInt32());
        var edges = published.GetProperty("definition").GetProperty("edges").EnumerateArray()
            .Select(e => $"{e.GetProperty("source").GetString()}:{e.GetProperty("outcome").GetString()}>{e.GetProperty("target").GetString()}").ToList();
        Assert.Contains("city:approve>recheck", edges);
        Assert.Contains("recheck:done>province", edges);
        Assert.DoesNotContain("city:approve>province", edges);

        // 版本历史: two versions, the filing still running on version 1 at the city's step, the new step marked as added.
        var title = (await school.GetAsync($"/api/cases/{before}")).GetProperty("title").GetString()!;
        await admin.GotoAsync(Url($"/admin/processes?versions={Shipped}"));
        var drawer = admin.Locator(".ant-drawer");
        var versions = drawer.GetByTestId("version-table");
        await Expect(versions.Locator("tbody tr.ant-table-row")).ToHaveCountAsync(2);
        await Expect(versions).ToContainTextAsync("第 2 版");
        await Expect(versions).ToContainTextAsync("第 1 版");
        await Expect(drawer.GetByTestId("version-running-2")).ToHaveCountAsync(0);
        await Expect(drawer.GetByTestId("diff-node-recheck")).ToHaveAttributeAsync("data-mark", "added", ChunksLoad);
        await Expect(drawer.GetByTestId("version-changes")).ToContainTextAsync("新增节点“盟市人社局复核”");
        await drawer.GetByTestId("version-running-1").ClickAsync();
        var running = drawer.GetByTestId("version-cases-1");
        await Expect(running.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await Expect(running).ToContainTextAsync("盟市人社局评估推荐");
        await ShotAsync(admin, "77-版本历史-第1版在办案件", drawer.Locator(".ant-drawer-body"));

        // A filing started now runs on version 2 and reaches the new step after the city approves.
        var after = await StartFilingAsync(school, "0104", "数控编程");
        var hohhot = await ApiAsync("hohhot");
        await hohhot.ActAsync(after, "approve", CityApproval());
        var newer = await school.GetAsync($"/api/cases/{after}");
        Assert.Equal(2, newer.GetProperty("definitionVersion").GetInt32());
        Assert.Equal("recheck", Assert.Single(newer.GetProperty("currentSteps").EnumerateArray()).GetProperty("nodeId").GetString());
        var schoolPage = await SignInAsync("school");
        await schoolPage.GotoAsync(Url($"/cases/{after}"));
        await Expect(schoolPage.GetByTestId("step-recheck")).ToHaveAttributeAsync("data-status", "current", ChunksLoad);
        await Expect(schoolPage.GetByText("专业增设备案（第 2 版）")).ToBeVisibleAsync();
        await ShotAsync(schoolPage, "78-第2版案件-到达复核环节");

        // The version 1 filing goes from the city straight to the province and is filed, still on version 1.
        await hohhot.ActAsync(before, "approve", CityApproval());
        await (await ApiAsync("province")).ActAsync(before, "approve", new { comment = "同意备案" });
        var finished = await school.GetAsync($"/api/cases/{before}");
        Assert.Equal("Finished", finished.GetProperty("status").GetString());
        Assert.Equal(1, finished.GetProperty("definitionVersion").GetInt32());
        var visited = Visited(finished);
        Assert.DoesNotContain("recheck", visited);
        Assert.Contains("province", visited);
        Assert.Contains("end", visited);
        Assert.Equal("filed", finished.GetProperty("output").GetProperty("result").GetString());
        Assert.Contains("recheck", Visited(await school.GetAsync($"/api/cases/{after}")));

        await schoolPage.GotoAsync(Url($"/cases/{before}"));
        await Expect(schoolPage.GetByTestId("case-status")).ToHaveTextAsync("已办结");
        await Expect(schoolPage.GetByTestId("step-end")).ToHaveAttributeAsync("data-status", "done", ChunksLoad);
        await Expect(schoolPage.GetByTestId("step-province")).ToHaveAttributeAsync("data-status", "done");
        await Expect(schoolPage.GetByTestId("step-recheck")).ToHaveCountAsync(0);
        await Expect(schoolPage.GetByText("专业增设备案（第 1 版）")).ToBeVisibleAsync();
        await ShotAsync(schoolPage, "79-第1版案件-按第1版办结");
    }

    [Fact]
    public async Task Dry_run_from_the_designer_lists_the_route_and_marks_it_on_the_canvas()
    {
        var admin = await SignInAsync("admin");
        await admin.GotoAsync(Url($"/admin/processes/{Shipped}/design"));
        await Expect(admin.GetByTestId("validation-status")).ToHaveAttributeAsync("data-valid", "true", ChunksLoad);
        await admin.GetByTestId("dryrun-open").ClickAsync();
        var drawer = admin.Locator(".ant-drawer").Filter(new() { HasText = "样例申请表" });
        await drawer.GetByLabel("专业名称").FillAsync("数控加工技术");
        await drawer.GetByLabel("专任教师人数").FillAsync("12");
        await drawer.GetByLabel("计划招生人数").FillAsync("40");
        await PickAsync(admin, drawer.GetByRole(AriaRole.Combobox, new() { Name = "盟市人社局评估推荐的办理结果" }), "同意");
        await PickAsync(admin, drawer.GetByRole(AriaRole.Combobox, new() { Name = "自治区人社厅备案的办理结果" }), "不同意");
        await drawer.GetByTestId("dryrun-run").ClickAsync();

        var route = drawer.GetByTestId("dryrun-route");
        await Expect(route).ToContainTextAsync("已到达结束节点：不予备案");
        await Expect(route.Locator("li[data-node-id]")).ToHaveCountAsync(5);
        await Expect(route.Locator("li[data-node-id='province']")).ToContainTextAsync("→ 不同意");
        await Expect(route.Locator("li[data-node-id='province']")).ToContainTextAsync("按样例选择");
        await Expect(route).ToContainTextAsync("\"result\": \"rejected\"");
        foreach (var step in new[] { "start", "city", "province", "rejected", "end-rejected" })
        {
            await Expect(admin.GetByTestId($"node-{step}")).ToHaveClassAsync(OnRoute());
        }

        foreach (var step in new[] { "filed", "register", "end" })
        {
            await Expect(admin.GetByTestId($"node-{step}")).Not.ToHaveClassAsync(OnRoute());
        }

        await route.ScrollIntoViewIfNeededAsync();
        await ShotAsync(admin, "80-流程设计-试运行路线");
    }

    private static async Task<string> StartFilingAsync(ApiDesk school, string majorCode, string majorName)
    {
        var started = await school.PostAsync("/api/cases", new
        {
            definitionId = Shipped,
            form = new
            {
                majorCode, majorName, teachers = 12, trainingFacilities = "数控实训楼", partnerEnterprise = "内蒙古第一机械集团",
                labourDemand = "区内装备制造企业技工缺口较大", plannedEnrolment = 40,
            },
        });
        return started.GetProperty("id").GetString()!;
    }

    private static object CityApproval() => new
    {
        comment = "逐项评估符合标准，推荐备案",
        data = new { checklist = FilingStandard.Select(item => new { item, verdict = "符合" }).ToArray() },
    };

    /// <summary>The nodes the case's journal names.</summary>
    private static HashSet<string> Visited(JsonElement view) =>
        view.GetProperty("timeline").EnumerateArray()
            .Select(e => e.GetProperty("nodeId"))
            .Where(n => n.ValueKind == JsonValueKind.String)
            .Select(n => n.GetString()!)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Opens an antd select, clicks the option whose label begins with this text and waits for the list to close.</summary>
    private static async Task PickAsync(IPage page, ILocator select, string label)
    {
        await select.ClickAsync();
        await page.Locator(".ant-select-item-option:visible").Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(label)) }).ClickAsync();
        // Until its list has gone, its options would answer for the next select's.
        await Expect(page.Locator(".ant-select-dropdown:visible")).ToHaveCountAsync(0);
    }

    /// <summary>A connection drawn by mouse: pressed on one handle, moved in small steps and released on the other.</summary>
    private static async Task DragAsync(IPage page, ILocator from, ILocator to)
    {
        var start = (await from.BoundingBoxAsync())!;
        var end = (await to.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(start.X + (start.Width / 2), start.Y + (start.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(end.X + (end.Width / 2), end.Y + (end.Height / 2), new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    private static Regex OnRoute() => new(@"\bon-route\b");
}
