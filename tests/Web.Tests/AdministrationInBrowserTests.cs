// 系统管理 in Chromium against the real Host: the demo administrator adds a school, opens an account for it with the
// school applicant role, and marks a make-up working day in the calendar; the new person signs in and sees the
// work bench; a school user sees no 系统管理 and gets the not-permitted page at /admin. Every page is kept as a screenshot.
using System.Globalization;
using System.Text.RegularExpressions;
using Approvals.Web.Tests.Support;
using Microsoft.Playwright;

namespace Approvals.Web.Tests;

public sealed class AdministrationInBrowserTests : BrowserTest
{
    private const string NewPassword = "Xinneng#2026";
    private const string SchoolName = "包头新能源技师学院";

    [Fact]
    public async Task Administrator_adds_a_school_and_its_user_and_a_make_up_day_the_user_signs_in_a_school_is_kept_out()
    {
        var admin = await SignInAsync("admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "系统管理" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Tab, new() { Name = "组织机构", Selected = true })).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "内蒙古自治区人力资源和社会保障厅" })).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "包头市人力资源和社会保障局" })).ToBeVisibleAsync();
        await ShotAsync(admin, "20-系统管理-组织机构");

        // A school under 包头: a blank save first shows the Chinese required messages, the id is offered.
        await admin.GetByRole(AriaRole.Button, new() { Name = "新增机构" }).ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(dialog.GetByText("请选择上级机构")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("请填写机构名称")).ToBeVisibleAsync();
        await ChooseAsync(dialog, "上级机构（盟市）", "包头", "包头市人力资源和社会保障局");
        await Expect(dialog.GetByLabel("机构编号")).ToHaveValueAsync("150200-07");
        await dialog.GetByLabel("机构名称").FillAsync(SchoolName);
        await ChooseAsync(dialog, "办学类型", "技师", "技师学院");
        await ShotAsync(admin, "21-系统管理-新增学校");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(admin.GetByText($"已添加“{SchoolName}”")).ToBeVisibleAsync();
        await Expect(dialog).ToBeHiddenAsync(); // closing, the dialog gives the focus back to 新增机构
        await admin.GetByPlaceholder("按机构名称或编号查找").FillAsync("新能源"); // the tree is filtered while typing
        var schoolRow = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = SchoolName });
        await Expect(schoolRow).ToContainTextAsync("150200-07");
        await Expect(schoolRow).ToContainTextAsync("技师学院");

        // An account for it, with the school applicant role from the Chinese role names.
        await admin.GetByRole(AriaRole.Tab, new() { Name = "用户与角色" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "呼和浩特技师学院经办人" })).ToContainTextAsync("学校经办人");
        await admin.GetByRole(AriaRole.Button, new() { Name = "新建用户" }).ClickAsync();
        dialog = admin.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("用户名").FillAsync("xinneng");
        await dialog.GetByLabel("姓名").FillAsync("包头新能源技师学院经办人");
        await ChooseAsync(dialog, "所属机构", "新能源", SchoolName);
        await dialog.GetByLabel("学校经办人").CheckAsync();
        await dialog.GetByLabel("初始密码").FillAsync("short");
        await dialog.GetByLabel("确认密码").FillAsync("short");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(dialog.GetByText("密码至少 8 个字符，须含大写字母、小写字母和数字")).ToBeVisibleAsync();
        await dialog.GetByLabel("初始密码").FillAsync("xinneng2026");
        await dialog.GetByLabel("确认密码").FillAsync("xinneng2026");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(dialog.GetByText("密码须包含至少一个大写字母。")).ToBeVisibleAsync();
        await dialog.GetByLabel("初始密码").FillAsync(NewPassword);
        await dialog.GetByLabel("确认密码").FillAsync(NewPassword);
        await ShotAsync(admin, "22-系统管理-新建用户");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(admin.GetByText("已创建用户“包头新能源技师学院经办人”")).ToBeVisibleAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await admin.GetByPlaceholder("按用户名或姓名搜索").FillAsync("xinneng");
        await admin.GetByPlaceholder("按用户名或姓名搜索").PressAsync("Enter");
        var userRow = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "xinneng" });
        await Expect(userRow).ToContainTextAsync(SchoolName);
        await Expect(userRow).ToContainTextAsync("学校经办人");
        await Expect(userRow).ToContainTextAsync("正常");
        await ShotAsync(admin, "23-系统管理-用户与角色");

        // A make-up working day on the first unmarked Saturday of this month, and a local day off on a weekday.
        await admin.GetByRole(AriaRole.Tab, new() { Name = "工作日历" }).ClickAsync();
        await Expect(admin.GetByTestId("month-working-days")).ToContainTextAsync("本月工作日");
        var saturday = await FirstUnmarkedAsync(admin, d => d == DayOfWeek.Saturday);
        await admin.Locator($".working-calendar td[title='{saturday}']").ClickAsync();
        dialog = admin.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("上班（班）")).ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存调整" }).ClickAsync();
        await Expect(dialog.GetByText("请填写调整原因")).ToBeVisibleAsync();
        await dialog.GetByLabel("原因").FillAsync("集中办理日");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存调整" }).ClickAsync();
        var makeUp = admin.GetByTestId($"mark-{saturday}");
        await Expect(makeUp).ToContainTextAsync("班集中办理日管理员调整");
        await Expect(makeUp).ToHaveClassAsync(new Regex("calendar-work"));

        var weekday = await FirstUnmarkedAsync(admin, d => d is >= DayOfWeek.Monday and <= DayOfWeek.Friday);
        await admin.Locator($".working-calendar td[title='{weekday}']").ClickAsync();
        await Expect(dialog.GetByLabel("放假（休）")).ToBeCheckedAsync();
        await dialog.GetByLabel("原因").FillAsync("自治区调休");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存调整" }).ClickAsync();
        var off = admin.GetByTestId($"mark-{weekday}");
        await Expect(off).ToContainTextAsync("休自治区调休管理员调整");
        await Expect(off).ToHaveClassAsync(new Regex("calendar-off"));
        await ShotAsync(admin, "24-系统管理-工作日历");
        await SignOutAsync(admin);

        // The new person signs in to the work bench, with no 系统管理.
        var newcomer = await SignInAsync("xinneng", password: NewPassword);
        await Expect(newcomer.GetByTestId("current-user")).ToContainTextAsync(SchoolName);
        await Expect(newcomer.GetByRole(AriaRole.Link, new() { Name = "系统管理" })).ToHaveCountAsync(0);
        await SignOutAsync(newcomer);

        // A school user typing the address is told in Chinese that it is not for them.
        var school = await SignInAsync("school");
        await Expect(school.GetByRole(AriaRole.Link, new() { Name = "系统管理" })).ToHaveCountAsync(0);
        await school.GotoAsync(Url("/admin"));
        await Expect(school.GetByText("无权访问")).ToBeVisibleAsync();
        await Expect(school.GetByText("系统管理仅限系统管理员使用", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(school.GetByRole(AriaRole.Tab, new() { Name = "组织机构" })).ToHaveCountAsync(0);
        await ShotAsync(school, "25-系统管理-学校无权访问");
    }

    /// <summary>Picks from a searchable select or tree select the way a keyboard user does: type, Enter on the first match.</summary>
    private static async Task ChooseAsync(ILocator dialog, string label, string typed, string expected)
    {
        await dialog.GetByLabel(label).FillAsync(typed);
        await Expect(dialog.Page.Locator($".ant-select-dropdown [title='{expected}']")).ToBeVisibleAsync();
        await dialog.GetByLabel(label).PressAsync("Enter");
        await Expect(dialog.Locator($".ant-select-content[title='{expected}']")).ToBeVisibleAsync();
    }

    /// <summary>The calendar shows the current month (in Beijing): its first day of those that carries no 休 or 班 yet.</summary>
    private static async Task<string> FirstUnmarkedAsync(IPage page, Func<DayOfWeek, bool> wanted)
    {
        var today = DateTime.UtcNow.AddHours(8);
        for (var day = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified); day.Month == today.Month; day = day.AddDays(1))
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (wanted(day.DayOfWeek) && await page.GetByTestId($"mark-{date}").CountAsync() == 0)
            {
                return date;
            }
        }

        throw new InvalidOperationException("Every such day of this month is already marked.");
    }
}
