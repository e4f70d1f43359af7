// 流程设计器 in Chromium against the real Host: a shipped process opens on the canvas and passes the validator; a step
// dragged in from the palette without its required inputs is marked on its node and keeps 发布 disabled until it is
// removed (by the Delete key); undo and redo walk the edits back and forth.
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
}
