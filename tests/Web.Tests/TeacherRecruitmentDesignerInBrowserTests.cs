// The acceptance walk for the designer, in Chromium against the real Host: the administrator builds the teacher
// self-recruitment filing of seed 002 §六 (the school submits its plan; the education bureau approves it (核准) and the
// HR bureau files it (备案); for high-level talent recruited by direct assessment the education bureau consents first,
// the school reports the result, the education bureau reviews it and the HR bureau files it) by mouse and keyboard
// alone: 新建流程, the start form, steps dragged from the palette, their assignees picked, outcomes wired (one by
// dragging a handle), 自动排版, 发布. A school then starts a case of each kind and both run to the end. No definition
// file of this process exists in the repository.
using System.Text.RegularExpressions;
using Approvals.Web.Tests.Support;
using Microsoft.Playwright;

namespace Approvals.Web.Tests;

public sealed partial class TeacherRecruitmentDesignerInBrowserTests : BrowserTest
{
    private const string ProcessId = "teacher-recruitment";
    private const string ProcessName = "教师自主招聘方案核准备案";

    [Fact]
    public async Task Administrator_builds_the_recruitment_filing_in_the_designer_publishes_it_and_cases_run_to_the_end()
    {
        Assert.False(File.Exists(Path.Combine(HostProcess.RepositoryRoot(), "definitions", ProcessId + ".json")));
        var admin = await SignInAsync("admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "系统管理" }).ClickAsync();
        await admin.GetByRole(AriaRole.Tab, new() { Name = "流程管理" }).ClickAsync();
        await admin.GetByTestId("process-new").ClickAsync();
        await admin.GetByTestId("process-new-id").FillAsync(ProcessId);
        await admin.GetByTestId("process-new-name").FillAsync(ProcessName);
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "创建并设计" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex($"/admin/processes/{ProcessId}/design$"));
        await Expect(admin.GetByTestId("node-start")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The process: who starts it, and the start form.
        await PickAsync(admin, admin.GetByTestId("definition-start-roles"), "学校经办人");
        await admin.Keyboard.PressAsync("Escape");
        await admin.GetByRole(AriaRole.Tab, new() { Name = "申请表单" }).ClickAsync();
        await admin.GetByTestId("form-title").FillAsync("教师自主招聘方案");
        await AddFieldAsync(admin, 0, "method", "招聘方式", "单选", required: true);
        foreach (var option in new[] { "公开招聘", "直接考察" })
        {
            await admin.GetByTestId("form-field-0-options").ClickAsync();
            await admin.Keyboard.TypeAsync(option);
            await admin.Keyboard.PressAsync("Enter");
        }

        await admin.Keyboard.PressAsync("Escape");
        await AddFieldAsync(admin, 1, "plan", "招聘方案", "多行文字", required: true);
        await AddFieldAsync(admin, 2, "positions", "拟招聘人数", "数字", required: true);
        await ShotAsync(admin, "81-流程设计-申请表单");

        // The steps, each dragged from the palette, named, given its id and its assignee, its outcomes wired to steps
        // already placed (the targets first, so every outcome has somewhere to go when its step is made).
        await DropAsync(admin, "End", 400, 370, "rejected", "不予核准或备案");
        await DropAsync(admin, "Approval", 400, 480, "file", "人社局备案");
        await AssigneeAsync(admin, "盟市审核人", "申请单位的上级（盟市人社局）");
        await ConnectAsync(admin, "approve", "结束");
        await ConnectAsync(admin, "reject", "不予核准或备案");
        await DropAsync(admin, "Approval", 640, 140, "review", "教育局审核拟聘结果");
        await AssigneeAsync(admin, "教育局审核人", "盟市教育局");
        await ConnectAsync(admin, "approve", "人社局备案");
        await ConnectAsync(admin, "reject", "不予核准或备案");
        await DropAsync(admin, "UserTask", 640, 40, "result", "学校报送拟聘结果");
        await AssigneeAsync(admin, "学校经办人", "申请单位本身");
        await ConnectAsync(admin, "done", "教育局审核拟聘结果");
        await DropAsync(admin, "Approval", 360, 40, "consent", "教育局同意直接考察");
        await AssigneeAsync(admin, "教育局审核人", "盟市教育局");
        await ConnectAsync(admin, "approve", "学校报送拟聘结果");
        await ConnectAsync(admin, "reject", "不予核准或备案");
        await DropAsync(admin, "Approval", 100, 370, "approve-plan", "教育局核准招聘方案");
        await AssigneeAsync(admin, "教育局审核人", "盟市教育局");
        await ConnectAsync(admin, "reject", "不予核准或备案");

        // 核准 → 备案 by mouse: from the 同意 handle to the filing step's entry.
        await admin.GetByTestId("handle-approve-plan-approve")
            .DragToAsync(admin.GetByTestId("node-file").Locator(".react-flow__handle.target"));
        await Expect(admin.GetByTestId("connect-approve")).ToContainTextAsync("人社局备案");

        await DropAsync(admin, "If", 100, 40, "assessment", "是否直接考察");
        await admin.GetByTestId("input-condition").FillAsync("form.method === '直接考察'");
        await Expect(admin.GetByTestId("input-condition-check")).ToContainTextAsync("语法正确");
        await ConnectAsync(admin, "true", "教育局同意直接考察");
        await ConnectAsync(admin, "false", "教育局核准招聘方案");

        // The start's 提交 goes to the question instead of straight to the end.
        await admin.GetByTestId("node-start").ClickAsync();
        await ConnectAsync(admin, "done", "是否直接考察");
        await admin.GetByTestId("auto-layout").ClickAsync();
        var status = admin.GetByTestId("validation-status");
        await Expect(status).ToHaveAttributeAsync("data-valid", "true");
        await Expect(admin.GetByTestId("canvas").Locator(".react-flow__edge")).ToHaveCountAsync(12);
        await ShotAsync(admin, "82-流程设计-教师自主招聘");

        await admin.GetByTestId("publish").ClickAsync();
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await Expect(admin.GetByText("已发布为第 1 版")).ToBeVisibleAsync();

        // Direct assessment: 同意直接考察 → the school's result → 审核 → 备案, the school starting it from 发起申请.
        var school = await SignInAsync("school");
        var direct = await StartAsync(school, "直接考察", "拟以直接考察方式招聘数控专业博士 1 名", "1");
        await (await ApiAsync("education")).ActAsync(direct, "approve", new { comment = "同意直接考察" });
        await (await ApiAsync("school")).ActAsync(direct, "complete", new { outcome = "done", comment = "考察合格，拟聘张某" });
        await (await ApiAsync("education")).ActAsync(direct, "approve", new { comment = "审核通过" });
        await (await ApiAsync("hohhot")).ActAsync(direct, "approve", new { comment = "予以备案" });

        // Open recruitment: 核准 → 备案.
        var open = await StartAsync(school, "公开招聘", "面向社会公开招聘专业教师 5 名，笔试加面试", "5");
        await (await ApiAsync("education")).ActAsync(open, "approve", new { comment = "核准" });
        await (await ApiAsync("hohhot")).ActAsync(open, "approve", new { comment = "予以备案" });

        foreach (var (caseId, steps) in new[]
                 {
                     (direct, new[] { "教育局同意直接考察", "学校报送拟聘结果", "教育局审核拟聘结果", "人社局备案" }),
                     (open, new[] { "教育局核准招聘方案", "人社局备案" }),
                 })
        {
            await school.GotoAsync(Url($"/cases/{caseId}"));
            await Expect(school.GetByTestId("case-status")).ToHaveTextAsync("已办结");
            var timeline = school.Locator(".case-timeline");
            foreach (var step in steps)
            {
                await Expect(timeline).ToContainTextAsync(step);
            }
        }

        await Expect(school.Locator(".case-timeline")).Not.ToContainTextAsync("教育局同意直接考察");
        await ShotAsync(school, "83-教师自主招聘-已办结");
    }

    /// <summary>A select's option, picked by mouse from its open list.</summary>
    private static async Task PickAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".ant-select-dropdown:visible .ant-select-item-option").Filter(new() { HasText = option }).First.ClickAsync();
    }

    private static async Task AddFieldAsync(IPage page, int index, string name, string label, string type, bool required)
    {
        await page.GetByTestId("form-field-add").ClickAsync();
        await page.GetByTestId($"form-field-{index}-name").FillAsync(name);
        await page.GetByTestId($"form-field-{index}-label").FillAsync(label);
        await PickAsync(page, page.GetByTestId($"form-field-{index}-type"), type);
        if (required)
        {
            await page.GetByTestId($"form-field-{index}-required").CheckAsync();
        }
    }

    /// <summary>A step dragged from the palette to a point of the canvas, then named and given its id by keyboard.</summary>
    private static async Task DropAsync(IPage page, string kind, int x, int y, string id, string name)
    {
        var canvas = page.GetByTestId("canvas");
        var before = await canvas.Locator(".react-flow__node").CountAsync();
        await page.GetByTestId($"palette-{kind}").DragToAsync(canvas, new() { TargetPosition = new() { X = x, Y = y } });
        await Expect(canvas.Locator(".react-flow__node")).ToHaveCountAsync(before + 1);
        await page.GetByTestId("node-name").FillAsync(name);
        await page.GetByTestId("node-name").PressAsync("Enter");
        await page.GetByTestId("node-id").FillAsync(id);
        await page.GetByTestId("node-id").PressAsync("Enter");
        await Expect(page.GetByTestId($"node-{id}")).ToContainTextAsync(name);
    }

    private static async Task AssigneeAsync(IPage page, string role, string org)
    {
        await PickAsync(page, page.GetByTestId("input-assignee-role"), role);
        await PickAsync(page, page.GetByTestId("input-assignee-org"), org);
    }

    /// <summary>Where the selected step's outcome leads, typed into its 去向 list and taken with Enter.</summary>
    private static async Task ConnectAsync(IPage page, string outcome, string target)
    {
        await page.GetByTestId($"connect-{outcome}").ClickAsync();
        await page.Keyboard.TypeAsync(target);
        await Expect(page.Locator(".ant-select-dropdown:visible .ant-select-item-option-active").Filter(new() { HasText = target })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId($"connect-{outcome}")).ToContainTextAsync(target);
    }

    /// <summary>The school starts a case of the new process from 发起申请 and lands on its page; returns the case id.</summary>
    private async Task<string> StartAsync(IPage school, string method, string plan, string positions)
    {
        await school.GotoAsync(Url("/start"));
        await school.Locator(".ant-card").Filter(new() { HasText = ProcessName }).GetByRole(AriaRole.Link, new() { Name = "发起" }).ClickAsync();
        await Expect(school.GetByText("教师自主招聘方案", new() { Exact = true })).ToBeVisibleAsync();
        await PickAsync(school, school.GetByLabel("招聘方式"), method);
        await school.GetByLabel("招聘方案").FillAsync(plan);
        await school.GetByLabel("拟招聘人数").FillAsync(positions);
        await school.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(school).ToHaveURLAsync(CasePath());
        return school.Url[(school.Url.LastIndexOf('/') + 1)..];
    }
}
