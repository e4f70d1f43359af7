// 流程设计器 in Chromium against the real Host: a shipped process opens on the canvas and passes the validator; a step
// dragged in from the palette without its required inputs is marked on its node and keeps 发布 disabled until it is
// removed (by the Delete key); undo and redo walk the edits back and forth. A 300-node process saved without positions
// opens, is laid out by elkjs and validated; the time is written to TestResults/designer-300-nodes.txt (reported, not
// asserted: timings vary by machine).
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Approvals.Web.Tests.Support;
using Microsoft.Playwright;

namespace Approvals.Web.Tests;

public sealed class DesignerInBrowserTests : BrowserTest
{
    [Fact]
    public async Task Shipped_process_opens_valid_a_dropped_step_is_marked_until_deleted_and_undo_brings_it_back()
    {
        var admin = await SignInAsync("admin");
        await admin.GotoAsync(Url("/admin/processes/major-addition-filing/design"));
        var canvas = admin.GetByTestId("canvas");
        await Expect(canvas.Locator(".react-flow__node")).ToHaveCountAsync(8);
        await Expect(admin.GetByTestId("validation-status")).ToHaveAttributeAsync("data-valid", "true");
        await Expect(admin.GetByTestId("publish")).ToBeEnabledAsync();
        await ShotAsync(admin, "70-流程设计-打开");

        // An approval dragged from the palette lacks its assignee: its node is marked and publishing is refused.
        await admin.GetByTestId("palette-Approval").DragToAsync(canvas, new() { TargetPosition = new() { X = 560, Y = 120 } });
        var dropped = admin.GetByTestId("node-approval");
        await Expect(dropped).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("node-approval-problems")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("validation-status")).ToHaveAttributeAsync("data-valid", "false");
        await Expect(admin.GetByTestId("publish")).ToBeDisabledAsync();
        await Expect(admin.GetByTestId("properties")).ToContainTextAsync("审批人");
        await ShotAsync(admin, "71-流程设计-问题标在节点上");

        await dropped.ClickAsync();
        await admin.Keyboard.PressAsync("Delete");
        await Expect(dropped).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId("validation-status")).ToHaveAttributeAsync("data-valid", "true");

        await admin.GetByTestId("undo").ClickAsync();
        await Expect(dropped).ToBeVisibleAsync();
        await admin.GetByTestId("redo").ClickAsync();
        await Expect(dropped).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_300_node_process_opens_is_laid_out_and_validated()
    {
        var api = await ApiAsync("admin");
        await api.PutAsync("/api/definitions/large-300/draft", LargeDefinition(300));
        var admin = await SignInAsync("admin");
        var url = Url("/admin/processes/large-300/design");
        var status = admin.GetByTestId("validation-status");

        // Opened by address: the designer's code and elkjs are fetched and compiled as well.
        var clock = Stopwatch.StartNew();
        await admin.GotoAsync(url);
        await Expect(status).ToHaveAttributeAsync("data-valid", "true", new() { Timeout = 30_000 });
        var byAddress = clock.Elapsed;
        var byAddressMarks = await MarksAsync(admin);
        await Expect(admin.GetByTestId("canvas").Locator(".react-flow__node").First).ToBeVisibleAsync();
        await ShotAsync(admin, "72-流程设计-300个节点");

        // Opened again within the application (back from 工作台): the code is loaded, the work is the same.
        var opens = new List<(TimeSpan Elapsed, string Marks)>();
        for (var i = 0; i < 3; i++)
        {
            await admin.GetByRole(AriaRole.Link, new() { Name = "工作台" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "工作台" })).ToBeVisibleAsync();
            clock.Restart();
            await admin.GoBackAsync();
            await Expect(status).ToHaveAttributeAsync("data-valid", "true", new() { Timeout = 30_000 });
            opens.Add((clock.Elapsed, await MarksAsync(admin)));
        }

        await Expect(admin.GetByTestId("canvas").Locator(".react-flow__node").First).ToBeVisibleAsync();
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"300 个节点的流程（无坐标，打开时自动排版）· {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · load {File.ReadAllText("/proc/loadavg").Trim()}")
            .AppendLine(CultureInfo.InvariantCulture, $"按地址打开（含下载并编译设计器与 elkjs）：{byAddress.TotalMilliseconds:F0} ms；{byAddressMarks}")
            .AppendLine(string.Join(Environment.NewLine, opens.Select((o, i) =>
                string.Create(CultureInfo.InvariantCulture, $"应用内再次打开 #{i + 1}：{o.Elapsed.TotalMilliseconds:F0} ms；{o.Marks}"))))
            .ToString();
        Directory.CreateDirectory(Path.Combine(HostProcess.RepositoryRoot(), "TestResults"));
        await File.WriteAllTextAsync(Path.Combine(HostProcess.RepositoryRoot(), "TestResults", "designer-300-nodes.txt"), report);
        Console.WriteLine(report);
    }

    /// <summary>The designer's own marks (data loaded, laid out, validated) in ms after it began to open the process.</summary>
    private static async Task<string> MarksAsync(IPage page) =>
        await page.EvaluateAsync<string>("""
            () => {
              const at = (name) => performance.getEntriesByName(name).at(-1)?.startTime;
              const open = at('designer-open');
              return [['数据已取回', 'designer-loaded'], ['已排版', 'designer-laid-out'], ['已校验', 'designer-validated'], ['已画出', 'designer-shown']]
                .map(([label, name]) => `${label} +${Math.round(at(name) - open)} ms`)
                .join('，');
            }
            """);

    /// <summary>
    /// Start, then a chain of approvals (every approval's 不同意 to one rejection end) with a two-way switch every 25
    /// nodes whose branches meet again at the next step, then the end: n nodes, none placed.
    /// </summary>
    private static object LargeDefinition(int n)
    {
        var nodes = new List<object> { new { id = "start", kind = "Start", name = "提交" } };
        var edges = new List<object>();
        var previous = ("start", new[] { "done" });
        for (var i = 1; i <= n - 3; i++)
        {
            var id = $"n{i}";
            if (i % 25 == 0)
            {
                nodes.Add(new
                {
                    id, kind = "Switch", name = $"分支 {i}",
                    inputs = new { cases = new[] { new { outcome = "high", condition = $"form.amount > {i}" } } },
                });
                foreach (var outcome in previous.Item2)
                {
                    edges.Add(new { source = previous.Item1, outcome, target = id });
                }

                previous = (id, ["high", "default"]);
                continue;
            }

            nodes.Add(new
            {
                id, kind = "Approval", name = $"审批 {i}",
                inputs = new { assignee = new { role = "province_reviewer", org = "150000" } },
            });
            foreach (var outcome in previous.Item2)
            {
                edges.Add(new { source = previous.Item1, outcome, target = id });
            }

            edges.Add(new { source = id, outcome = "reject", target = "rejected" });
            previous = (id, ["approve"]);
        }

        nodes.Add(new { id = "end", kind = "End", name = "办结" });
        nodes.Add(new { id = "rejected", kind = "End", name = "不予通过" });
        foreach (var outcome in previous.Item2)
        {
            edges.Add(new { source = previous.Item1, outcome, target = "end" });
        }

        return new
        {
            id = "large-300", name = "三百节点流程",
            forms = new[] { new { id = "start", fields = new[] { new { name = "amount", label = "金额", type = "number" } } } },
            nodes, edges,
        };
    }
}
