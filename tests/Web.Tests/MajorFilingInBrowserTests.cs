// The web application in Chromium against the real Host: a school files a major (专业增设备案) through the form
// generated from the definition, the city returns it with a checklist evaluation, the school resubmits, the city
// approves item by item, the province approves from its 待办 in a batch, and the school sees the result. Another
// school opening the case by its address sees the not-found page. Every page is kept as a screenshot.
using System.Text.RegularExpressions;
using Approvals.Web.Tests.Support;
using Microsoft.Playwright;

namespace Approvals.Web.Tests;

public sealed class MajorFilingInBrowserTests : BrowserTest
{
    private static readonly string[] Checklist =
        ["产业和劳动力市场需求", "专任教师队伍", "实训场地与设备", "校企合作企业", "人才培养方案与课程设置", "招生计划与办学规模"];

    /// <summary>A 1×1 PNG: the server judges an upload's type by its content.</summary>
    private static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task School_files_a_major_city_returns_school_resubmits_city_and_province_approve()
    {
        // The school fills the generated form: a blank submit first shows the Chinese required messages.
        var school = await SignInAsync("school", "01-登录");
        await Expect(school.GetByTestId("current-user")).ToContainTextAsync("呼和浩特技师学院");
        await Expect(school.GetByRole(AriaRole.Tab, new() { Name = "待办" })).ToBeVisibleAsync();
        await ShotAsync(school, "02-工作台-学校");
        await school.GetByRole(AriaRole.Link, new() { Name = "发起申请" }).ClickAsync();
        await Expect(school.GetByText("专业增设备案").First).ToBeVisibleAsync();
        await ShotAsync(school, "03-发起申请-流程列表");
        await school.Locator(".ant-card").Filter(new() { HasText = "专业增设备案" }).GetByRole(AriaRole.Link, new() { Name = "发起" }).ClickAsync();
        await Expect(school.GetByText("专业增设备案申请表")).ToBeVisibleAsync();
        await school.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Expect(school.Locator(".ant-form-item-explain-error").GetByText("请填写专业名称")).ToBeVisibleAsync();
        await Expect(school.Locator(".ant-form-item-explain-error").GetByText("请选择专业")).ToBeVisibleAsync();
        await ShotAsync(school, "04-发起申请-必填提示");

        await school.GetByLabel("专业", new() { Exact = true }).FillAsync("0103");
        await school.Locator(".ant-select-item-option").Filter(new() { HasText = "0103" }).First.ClickAsync();
        await school.GetByLabel("专业名称").FillAsync("数控加工技术");
        await school.GetByLabel("专任教师人数").FillAsync("12");
        await school.GetByLabel("实训条件").FillAsync("数控实训楼，数控车床 20 台");
        await school.GetByLabel("合作企业").FillAsync("内蒙古第一机械集团");
        await school.GetByLabel("人才需求分析").FillAsync("区内装备制造企业数控技工缺口较大");
        await school.GetByLabel("计划招生人数").FillAsync("0");
        await school.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Expect(school.Locator(".ant-form-item-explain-error").GetByText("计划招生人数不能小于 1")).ToBeVisibleAsync();
        await school.GetByLabel("计划招生人数").FillAsync("45");
        await school.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "实训条件照片.png", MimeType = "image/png", Buffer = OnePixelPng,
        });
        await Expect(school.GetByText("已上传：实训条件照片.png")).ToBeVisibleAsync();
        await ShotAsync(school, "05-发起申请-填好的表单");
        await school.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(school).ToHaveURLAsync(CasePath());
        var caseUrl = school.Url;
        var title = await school.Locator("h4").First.InnerTextAsync();
        await Expect(school.GetByTestId("case-status")).ToHaveTextAsync(new Regex("运行中|办理中"));
        await Expect(school.GetByText("数控加工技术").First).ToBeVisibleAsync();
        await Expect(school.Locator(".case-form").GetByRole(AriaRole.Link, new() { Name = "实训条件照片.png" })).ToBeVisibleAsync();
        await ShotAsync(school, "06-案件详情-已提交");
        await SignOutAsync(school);

        // The city finds it in 待办 with its deadline, and returns it with a reason.
        var city = await SignInAsync("hohhot");
        var row = city.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Expect(row).ToContainTextAsync("剩 15 个工作日");
        await ShotAsync(city, "07-工作台-市局待办");
        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(city.GetByText("逐项评估")).ToBeVisibleAsync();
        await city.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await Expect(city.Locator(".ant-form-item-explain-error").GetByText("退回修改时请填写理由")).ToBeVisibleAsync();
        await city.GetByRole(AriaRole.Row).Filter(new() { HasText = "招生计划与办学规模" }).GetByLabel("基本符合").CheckAsync();
        await city.GetByLabel("办理意见").FillAsync("招生计划偏大，请按实训工位数调整。");
        await city.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();

        // Verdicts given on a return must cover every item: the server's field errors land on the items' rows.
        await Expect(city.Locator(".ant-form-item-explain-error").GetByText("请对“产业和劳动力市场需求”给出评估结论。")).ToBeVisibleAsync();
        foreach (var item in Checklist.SkipLast(1))
        {
            await city.GetByRole(AriaRole.Row).Filter(new() { HasText = item }).GetByLabel("符合", new() { Exact = true }).CheckAsync();
        }

        await ShotAsync(city, "08-案件详情-市局评估");
        await city.GetByRole(AriaRole.Button, new() { Name = "退回修改" }).ClickAsync();
        await Expect(city.GetByTestId("step-actions")).ToHaveCountAsync(0);
        await Expect(city.Locator(".case-timeline")).ToContainTextAsync("招生计划偏大，请按实训工位数调整。");
        await SignOutAsync(city);

        // The school revises the form where it was returned and resubmits.
        school = await SignInAsync("school");
        await school.GotoAsync(caseUrl);
        await Expect(school.GetByText("请按退回意见修改申请内容后重新提交")).ToBeVisibleAsync();
        await Expect(school.GetByLabel("专业名称")).ToHaveValueAsync("数控加工技术");
        await Expect(school.GetByText("已上传：实训条件照片.png")).ToBeVisibleAsync();
        await school.GetByLabel("计划招生人数").FillAsync("40");
        await school.GetByLabel("办理意见").FillAsync("已按实训工位数调整招生计划。");
        await ShotAsync(school, "09-案件详情-学校修改后重新提交");
        await school.GetByRole(AriaRole.Button, new() { Name = "重新提交" }).ClickAsync();
        await Expect(school.GetByTestId("step-actions")).ToHaveCountAsync(0);
        await Expect(school.Locator(".case-form")).ToContainTextAsync("40");
        await SignOutAsync(school);

        // The city approves only with a verdict on every item.
        city = await SignInAsync("hohhot");
        await city.GotoAsync(caseUrl);
        await city.GetByRole(AriaRole.Button, new() { Name = "同意", Exact = true }).ClickAsync();
        await Expect(city.Locator(".ant-form-item-explain-error").GetByText("请对“产业和劳动力市场需求”给出评估结论")).ToBeVisibleAsync();
        foreach (var item in Checklist)
        {
            await city.GetByRole(AriaRole.Row).Filter(new() { HasText = item }).GetByLabel("符合", new() { Exact = true }).CheckAsync();
        }

        await city.GetByLabel("办理意见").FillAsync("符合专业设置标准，同意推荐。");
        await ShotAsync(city, "10-案件详情-市局同意");
        await city.GetByRole(AriaRole.Button, new() { Name = "同意", Exact = true }).ClickAsync();
        await Expect(city.GetByTestId("step-actions")).ToHaveCountAsync(0);
        await Expect(city.GetByText("自治区人社厅备案").First).ToBeVisibleAsync();
        await SignOutAsync(city);

        // The province approves from its 待办, selecting the row for a batch approval.
        var province = await SignInAsync("province");
        var provinceRow = province.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await provinceRow.GetByRole(AriaRole.Checkbox).CheckAsync();
        await ShotAsync(province, "11-工作台-省厅批量同意");
        await province.GetByRole(AriaRole.Button, new() { Name = "批量同意（1）" }).ClickAsync();
        await province.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "同意" }).ClickAsync();
        await Expect(province.GetByText("已同意 1 项")).ToBeVisibleAsync();
        await Expect(provinceRow).ToHaveCountAsync(0);
        await province.GetByRole(AriaRole.Tab, new() { Name = "已办" }).ClickAsync();
        await Expect(province.GetByRole(AriaRole.Row).Filter(new() { HasText = title })).ToContainTextAsync("同意");
        await ShotAsync(province, "12-工作台-省厅已办");
        await SignOutAsync(province);

        // The school sees the case finished, with the whole history.
        school = await SignInAsync("school");
        await school.GetByRole(AriaRole.Tab, new() { Name = "我发起的" }).ClickAsync();
        await school.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(school.GetByTestId("case-status")).ToHaveTextAsync("已办结");
        var timeline = school.Locator(".case-timeline");
        await Expect(timeline).ToContainTextAsync("退回修改");
        await Expect(timeline).ToContainTextAsync("符合专业设置标准，同意推荐。");
        await Expect(timeline).ToContainTextAsync("自治区人社厅备案");
        await ShotAsync(school, "13-案件详情-已办结");

        // The work lists on a phone-width screen.
        await school.SetViewportSizeAsync(390, 844);
        await school.GotoAsync(Url("/?list=mine"));
        await Expect(school.GetByRole(AriaRole.Tab, new() { Name = "我发起的", Selected = true })).ToBeVisibleAsync();
        await Expect(school.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await ShotAsync(school, "14-工作台-手机宽度");
        await SignOutAsync(school);

        // Another school cannot open it by its address.
        var other = await SignInAsync("school2");
        await other.GotoAsync(caseUrl);
        await Expect(other.GetByText("页面不存在")).ToBeVisibleAsync();
        await Expect(other.GetByText("案件不存在或您无权查看。")).ToBeVisibleAsync();
        await Expect(other.GetByText("数控加工技术")).ToHaveCountAsync(0);
        await ShotAsync(other, "15-他校打开案件-不存在");
    }
}
