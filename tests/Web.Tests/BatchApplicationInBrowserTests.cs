// A selection batch in Chromium: the province opens a 工学一体化 batch from the form generated from its definition; a
// school finds it under 申报批次 with its quota, fills the application while the window checks it (the quota hint, a
// major applied for twice refused as it is picked), applies, and reads the batch's progress board; the province's
// board shows the school's quota use in its city.
using Approvals.Web.Tests.Support;
using Microsoft.Playwright;

namespace Approvals.Web.Tests;

public sealed class BatchApplicationInBrowserTests : BrowserTest
{
    private const string BatchName = "2026年第一批工学一体化建设专业遴选";

    [Fact]
    public async Task Province_opens_a_batch_school_applies_within_its_quota_and_both_read_the_board()
    {
        // The province opens the batch from 发起申请.
        var province = await SignInAsync("province");
        await province.GetByRole(AriaRole.Link, new() { Name = "发起申请" }).ClickAsync();
        await province.Locator(".ant-card").Filter(new() { HasText = "工学一体化建设院校和专业遴选" }).GetByRole(AriaRole.Link, new() { Name = "发起" }).ClickAsync();
        await province.GetByLabel("事项名称").FillAsync(BatchName);
        await province.GetByLabel("批次名称").FillAsync("第一批");
        await province.GetByLabel("所属阶段").ClickAsync();
        await province.Locator(".ant-select-item-option").Filter(new() { HasText = "第一阶段" }).ClickAsync();
        await province.GetByLabel("申报截止日期").FillAsync("2099-12-31");
        await province.GetByLabel("申报截止日期").PressAsync("Enter");
        await province.GetByLabel("每个盟市推荐名额").FillAsync("2");
        await province.GetByLabel("遴选名额").FillAsync("10");
        await province.GetByLabel("公示天数（工作日）").FillAsync("5");
        await ShotAsync(province, "40-发起申请-遴选批次");
        await province.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(province).ToHaveURLAsync(CasePath());
        await SignOutAsync(province);

        // The school sees the open batch with its quota (a 技师学院: 3) and applies.
        var school = await SignInAsync("school");
        await school.GetByRole(AriaRole.Link, new() { Name = "申报批次" }).ClickAsync();
        var card = school.GetByTestId("batch-card").Filter(new() { HasText = BatchName });
        await Expect(card).ToContainTextAsync("申报截止：2099-12-31 24:00");
        await Expect(card).ToContainTextAsync("本校本批次可申报 3 个，已申报 0 个，还可申报 3 个。");
        await ShotAsync(school, "41-申报批次-学校");
        await card.GetByRole(AriaRole.Button, new() { Name = "申报" }).ClickAsync();
        await Expect(school.GetByTestId("quota-hint")).ToContainTextAsync("还可申报 3 个");
        await FillApplicationAsync(school, "0103");
        await Expect(school.GetByTestId("check-ok")).ToContainTextAsync("申报表填写无误，可以提交。");
        await ShotAsync(school, "42-申报-名额提示与核对");
        await school.GetByRole(AriaRole.Button, new() { Name = "提交申报" }).ClickAsync();
        await Assertions.Expect(school).ToHaveURLAsync(CasePath());
        await Expect(school.GetByText("申报已提交，待盟市人社局审核推荐。")).ToBeVisibleAsync();

        // A second application for the same major is refused on the field as soon as it is picked, before submitting.
        await school.GetByRole(AriaRole.Link, new() { Name = "申报批次" }).ClickAsync();
        await Expect(card).ToContainTextAsync("已申报 1 个，还可申报 2 个。");
        await card.GetByRole(AriaRole.Button, new() { Name = "申报" }).ClickAsync();
        await PickMajorAsync(school, "0103");
        await Expect(school.Locator(".ant-form-item-explain-error").GetByText("本校已申报“数控加工”，同一批次不能重复申报。")).ToBeVisibleAsync();
        await ShotAsync(school, "43-申报-重复申报提示");

        // The school's board shows its own application where it stands.
        await school.GetByRole(AriaRole.Link, new() { Name = "申报批次" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "进度看板" }).ClickAsync();
        await Expect(school.GetByRole(AriaRole.Link, new() { Name = "数控加工" })).ToBeVisibleAsync();
        await Expect(school.Locator("tr.ant-table-row").Filter(new() { HasText = "数控加工" })).ToContainTextAsync("盟市人社局审核推荐");
        await SignOutAsync(school);

        // The province's board: 呼和浩特市 with one application, the college at 1 of its 3.
        province = await SignInAsync("province");
        await province.GetByRole(AriaRole.Link, new() { Name = "申报批次" }).ClickAsync();
        await province.GetByTestId("batch-card").Filter(new() { HasText = BatchName }).GetByRole(AriaRole.Button, new() { Name = "进度看板" }).ClickAsync();
        await Expect(province.Locator("tr.ant-table-row").Filter(new() { HasText = "呼和浩特市" })).ToContainTextAsync("0 / 2");
        await Expect(province.Locator("tr.ant-table-row").Filter(new() { HasText = "呼和浩特技师学院" })).ToContainTextAsync("1 / 3");
        await Expect(province.GetByText("尚未排序")).ToBeVisibleAsync();
        await ShotAsync(province, "44-进度看板-自治区");

        // 原则上: the province grants the college a fourth place, with its reason; a grant without one is refused.
        await province.Locator("tr.ant-table-row").Filter(new() { HasText = "呼和浩特技师学院" }).GetByRole(AriaRole.Button, new() { Name = "特批名额" }).ClickAsync();
        var dialog = province.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("特批后本批次可申报").FillAsync("4");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "特 批" }).Or(dialog.GetByRole(AriaRole.Button, new() { Name = "特批" })).ClickAsync();
        await Expect(dialog.GetByText("请填写特批理由")).ToBeVisibleAsync();
        await dialog.GetByLabel("特批理由").FillAsync("国家级高技能人才培训基地，承担自治区工学一体化示范任务");
        await ShotAsync(province, "45-进度看板-特批名额");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "特 批" }).Or(dialog.GetByRole(AriaRole.Button, new() { Name = "特批" })).ClickAsync();
        await Expect(province.GetByText("已特批呼和浩特技师学院本批次可申报 4 个")).ToBeVisibleAsync();
        var college = province.Locator("tr.ant-table-row").Filter(new() { HasText = "呼和浩特技师学院" });
        await Expect(college).ToContainTextAsync("1 / 4");
        await Expect(college).ToContainTextAsync("特批");
    }

    private static async Task PickMajorAsync(IPage page, string code)
    {
        await page.GetByLabel("建设专业").FillAsync(code);
        await page.Locator(".ant-select-item-option").Filter(new() { HasText = code }).First.ClickAsync();
    }

    private static async Task FillApplicationAsync(IPage page, string majorCode)
    {
        await PickMajorAsync(page, majorCode);
        await page.GetByLabel("专业教师人数").FillAsync("16");
        await page.GetByLabel("计划培训工学一体化教师人数").FillAsync("20");
        await page.GetByLabel("合作企业").FillAsync("内蒙古第一机械集团有限公司");
        await page.GetByLabel("一体化教学场地").FillAsync("一体化教学工作站 6 个，共 1800 平方米");
        await page.GetByLabel("建设方案").FillAsync("以典型工作任务重构课程，三年内建成校企共建的工学一体化专业。");
    }
}
