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
        await admin.GotoAsync(Url("/admin/processes"));
        var design = admin.GetByRole(AriaRole.Button, new() { Name = "设计 三百节点流程" });

        // Opened from 流程管理 as an administrator does, three times: the first fetches the designer's code as well.
        var opens = new List<(TimeSpan Elapsed, string Marks)>();
        for (var i = 0; i < 3; i++)
        {
            await admin.EvaluateAsync("() => performance.mark('open-clicked')");
            var clock = Stopwatch.StartNew();
            await design.ClickAsync();
            await ShownAsync(admin);
            opens.Add((clock.Elapsed, await MarksAsync(admin)));
            await Expect(admin.GetByTestId("canvas").Locator(".react-flow__node").First).ToBeVisibleAsync();
            if (i == 0)
            {
                await ShotAsync(admin, "72-流程设计-300个节点");
            }

            await admin.GoBackAsync();
            await Expect(design).ToBeVisibleAsync();
        }

        // Opened by its address: the whole application is loaded and started first.
        await admin.EvaluateAsync("() => performance.clearMarks()");
        var byAddress = Stopwatch.StartNew();
        await admin.GotoAsync(Url("/admin/processes/large-300/design"));
        await ShownAsync(admin);
        var loaded = byAddress.Elapsed;
        var loadedMarks = await MarksAsync(admin);

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"300 个节点的流程（无坐标，打开时自动排版）· {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · load {File.ReadAllText("/proc/loadavg").Trim()}")
            .AppendLine(string.Join(Environment.NewLine, opens.Select((o, i) =>
                string.Create(CultureInfo.InvariantCulture, $"从流程管理打开 #{i + 1}{(i == 0 ? "（含下载设计器代码）" : "")}：{o.Elapsed.TotalMilliseconds:F0} ms；{o.Marks}"))))
            .AppendLine(CultureInfo.InvariantCulture, $"按地址打开（整页加载并启动应用）：{loaded.TotalMilliseconds:F0} ms；{loadedMarks}")
            .ToString();
        Directory.CreateDirectory(Path.Combine(HostProcess.RepositoryRoot(), "TestResults"));
        await File.WriteAllTextAsync(Path.Combine(HostProcess.RepositoryRoot(), "TestResults", "designer-300-nodes.txt"), report);
        Console.WriteLine(report);
    }

    /// <summary>Until the process is drawn and has passed the validator, checked on every animation frame (no polling interval).</summary>
    private static async Task ShownAsync(IPage page) =>
        await page.WaitForFunctionAsync(
            "() => document.querySelector('[data-testid=validation-status]')?.dataset.valid === 'true' && document.querySelector('.react-flow__node') !== null",
            null, new() { Timeout = 30_000 });

    /// <summary>The designer's own marks (opened, data loaded, laid out, validated, drawn) in ms after the click that opened it (or the page's start).</summary>
    private static async Task<string> MarksAsync(IPage page) =>
        await page.EvaluateAsync<string>("""
            () => {
              const at = (name) => performance.getEntriesByName(name).at(-1)?.startTime;
              const open = at('open-clicked') ?? 0;
              return [['设计器开始加载', 'designer-open'], ['数据已取回', 'designer-loaded'], ['已排版', 'designer-laid-out'], ['已校验', 'designer-validated'], ['已画出', 'designer-shown'], ['已绘制到屏幕', 'designer-painted']]
                .map(([label, name]) => `${label} +${Math.round(at(name) - open)} ms`)
                .join('，') + `；画布上 ${document.querySelectorAll('.react-flow__node').length} 个节点元素`;
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
