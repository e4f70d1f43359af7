// 流程管理 in Chromium against the real Host: the administrator exports a process, creates one (its id checked in Chinese), imports
// one from a JSON file (a broken file refused, an existing draft overwritten only after asking), and opens the version
// history of the shipped 专业增设备案 after a second version renamed a step and added a 公示: the compared diagram marks
// the changed and the added step, the changes are listed in Chinese, and the case still on version 1 is listed.
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approvals.Web.Tests.Support;
using Microsoft.Playwright;

namespace Approvals.Web.Tests;

public sealed partial class ProcessManagementInBrowserTests : BrowserTest
{
    private const string Shipped = "major-addition-filing";

    /// <summary>The diagram's chunk and its first layout load after the drawer: on a busy machine that takes longer than a click.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions DiagramLoads = new() { Timeout = 30_000 };

    /// <summary>A school's filing on version 1, then version 2: the city's step renamed and a 公示 before 已备案; the case's title.</summary>
    private async Task<string> PublishVersion2WithACaseOnVersion1Async()
    {
        var school = await ApiAsync("school");
        var started = await school.PostAsync("/api/cases", new
        {
            definitionId = Shipped,
            form = new
            {
                majorCode = "0103", majorName = "数控加工技术", teachers = 12, trainingFacilities = "数控实训楼",
                partnerEnterprise = "内蒙古第一机械集团", labourDemand = "区内装备制造企业技工缺口较大", plannedEnrolment = 40,
            },
        });
        var caseId = started.GetProperty("id").GetString()!;
        var title = (await school.GetAsync($"/api/cases/{caseId}")).GetProperty("title").GetString()!;

        var admin = await ApiAsync("admin");
        var definition = JsonNode.Parse((await admin.GetAsync($"/api/definitions/{Shipped}")).GetProperty("definition").GetRawText())!.AsObject();
        var nodes = definition["nodes"]!.AsArray();
        nodes.Single(n => n!["id"]!.GetValue<string>() == "city")!["name"] = "盟市人社局评估";
        nodes.Add(new JsonObject
        {
            ["id"] = "notice", ["kind"] = "Timer", ["name"] = "备案公示",
            ["inputs"] = new JsonObject { ["mode"] = "workingDays", ["days"] = 5 },
        });
        var edges = definition["edges"]!.AsArray();
        var approved = edges.Single(e => e!["source"]!.GetValue<string>() == "province" && e["outcome"]!.GetValue<string>() == "approve")!;
        var filed = approved["target"]!.GetValue<string>();
        approved["target"] = "notice";
        edges.Add(new JsonObject { ["source"] = "notice", ["outcome"] = "done", ["target"] = filed });
        await admin.PostRawAsync($"/api/definitions/{Shipped}/publish", definition.ToJsonString());
        return title;
    }

    [Fact]
    public async Task Administrator_creates_and_imports_processes_and_compares_two_versions_with_their_running_cases()
    {
        var caseTitle = await PublishVersion2WithACaseOnVersion1Async();
        var admin = await SignInAsync("admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "系统管理" }).ClickAsync();
        await admin.GetByRole(AriaRole.Tab, new() { Name = "流程管理" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/processes$"));
        var shipped = admin.GetByTestId($"process-row-{Shipped}");
        await Expect(shipped).ToContainTextAsync("专业增设备案");
        await Expect(shipped).ToContainTextAsync("第 2 版");
        await ShotAsync(admin, "60-流程管理-列表");

        // 导出 JSON: the latest published version, indented, named after the process.
        var download = await admin.RunAndWaitForDownloadAsync(() => shipped.GetByRole(AriaRole.Button, new() { Name = "导出 专业增设备案 的 JSON" }).ClickAsync());
        Assert.Equal($"{Shipped}.json", download.SuggestedFilename);
        var exported = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith($"{{\n  \"id\": \"{Shipped}\",", exported, StringComparison.Ordinal);
        Assert.Equal(2, JsonNode.Parse(exported)!["version"]!.GetValue<int>());

        // 新建流程: an id already taken and one with capitals are refused in Chinese, then the draft is created.
        await admin.GetByTestId("process-new").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await admin.GetByTestId("process-new-id").FillAsync(Shipped);
        await admin.GetByTestId("process-new-name").FillAsync("实地核查");
        await Expect(dialog.GetByText($"流程标识“{Shipped}”已被使用，请换一个")).ToBeVisibleAsync();
        await admin.GetByTestId("process-new-id").FillAsync("Site_Visit");
        await Expect(dialog.GetByText("流程标识只能由小写字母、数字和连字符（-）组成，且连字符不能在开头、结尾或连用")).ToBeVisibleAsync();
        await ShotAsync(admin, "61-流程管理-新建流程");
        await admin.GetByTestId("process-new-id").FillAsync("site-visit");
        await Expect(dialog.Locator(".ant-form-item-explain-error")).ToHaveCountAsync(0);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "创建并设计" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/processes/site-visit/design$"), new() { Timeout = 15_000 });
        var api = await ApiAsync("admin");
        var created = await api.GetAsync("/api/definitions/site-visit/draft");
        Assert.True(created.GetProperty("valid").GetBoolean(), created.GetProperty("problems").GetRawText());

        await admin.GotoAsync(Url("/admin/processes"));
        var siteVisit = admin.GetByTestId("process-row-site-visit");
        await Expect(siteVisit).ToContainTextAsync("实地核查");
        await Expect(siteVisit).ToContainTextAsync("草稿");
        await Expect(siteVisit).ToContainTextAsync("未发布");

        // 导入 JSON: a file that is not JSON is refused; a definition becomes a draft; importing it again asks first.
        var file = admin.GetByTestId("process-import-file");
        await file.SetInputFilesAsync(new FilePayload { Name = "broken.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes("{\n  \"id\": \"x\" \n  \"name\": 1\n}") });
        await Expect(admin.GetByText("文件不是有效的 JSON（第 3 行附近有误）。")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "知道了" }).ClickAsync();

        var imported = ImportedDefinition(created);
        await file.SetInputFilesAsync(new FilePayload { Name = "field-check.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(imported) });
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/processes/field-check/design$"));
        await admin.GotoAsync(Url("/admin/processes"));
        await Expect(admin.GetByTestId("process-row-field-check")).ToContainTextAsync("导入的现场核验");
        await Expect(admin.GetByTestId("process-row-field-check")).ToContainTextAsync("草稿");
        await admin.GetByTestId("process-import-file").SetInputFilesAsync(
            new FilePayload { Name = "field-check.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(imported) });
        var confirm = admin.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "覆盖已有草稿？" });
        await Expect(confirm).ToContainTextAsync("流程“导入的现场核验”（field-check）已有未发布的草稿，导入将覆盖它。");
        await ShotAsync(admin, "62-流程管理-导入覆盖草稿");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "覆盖草稿" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/processes/field-check/design$"));

        // 版本历史 of the shipped process: version 2 against 1, marked and listed, and the case still on version 1.
        await admin.GotoAsync(Url("/admin/processes"));
        await admin.GetByTestId($"process-row-{Shipped}").GetByRole(AriaRole.Button, new() { Name = "专业增设备案 的版本历史" }).ClickAsync();
        var drawer = admin.Locator(".ant-drawer");
        await Expect(drawer.GetByTestId("version-table")).ToContainTextAsync("第 2 版");
        await Expect(drawer.GetByTestId("version-table")).ToContainTextAsync("系统管理员");
        await Expect(drawer.GetByTestId("diff-node-city")).ToHaveAttributeAsync("data-mark", "changed", DiagramLoads);
        await Expect(drawer.GetByTestId("diff-node-notice")).ToHaveAttributeAsync("data-mark", "added");
        await Expect(drawer.GetByTestId("diff-node-province")).ToHaveAttributeAsync("data-mark", "same");
        var changes = drawer.GetByTestId("version-changes");
        await Expect(changes).ToContainTextAsync("新增节点“备案公示”（定时）");
        await Expect(changes).ToContainTextAsync("修改节点“盟市人社局评估”：名称：“盟市人社局评估推荐”→“盟市人社局评估”");
        await Expect(changes).ToContainTextAsync("新增连线：“自治区人社厅备案”经“同意”到“备案公示”");
        await drawer.GetByTestId("diff-node-city").HoverAsync();
        await Expect(admin.GetByRole(AriaRole.Tooltip)).ToContainTextAsync("名称：“盟市人社局评估推荐”→“盟市人社局评估”");
        await drawer.GetByTestId("diff-node-notice").ClickAsync();
        await Expect(drawer.GetByTestId("diff-picked")).ToContainTextAsync("备案公示（定时）：新增");
        await drawer.GetByTestId("diff-node-city").HoverAsync();
        await ShotAsync(admin, "63-版本历史-版本对比", drawer.Locator(".ant-drawer-body"));

        await drawer.GetByTestId("version-running-1").ClickAsync();
        var cases = drawer.GetByTestId("version-cases-1");
        await Expect(cases).ToContainTextAsync("呼和浩特技师学院");
        await Expect(cases).ToContainTextAsync("盟市人社局评估推荐");
        await ShotAsync(admin, "64-版本历史-在办案件", drawer.Locator(".ant-drawer-body"));
        await cases.GetByRole(AriaRole.Link, new() { Name = caseTitle }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(CasePath());
    }

    /// <summary>What another installation exported: the new process's draft under another id and name, pretty-printed.</summary>
    private static string ImportedDefinition(System.Text.Json.JsonElement draft)
    {
        var definition = JsonNode.Parse(draft.GetProperty("definition").GetRawText())!.AsObject();
        definition["id"] = "field-check";
        definition["name"] = "导入的现场核验";
        return definition.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
