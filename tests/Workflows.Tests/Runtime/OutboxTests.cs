using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Runtime;

public sealed class OutboxTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_HumanTaskCreated_TellsItsAssigneeWithTitleKindAndDeadline(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);

        var notice = Assert.Single(await engine.OutboxAsync(id));

        Assert.Equal(("task-assigned", task.Id, (string?)null, TestOrganizations.City, "city_reviewer"),
            (notice.Kind, notice.TaskId!.Value, notice.RecipientUserId, notice.RecipientOrgId, notice.RecipientRole));
        var data = JsonNode.Parse(notice.Data)!;
        Assert.Equal(task.Title, data["title"]!.GetValue<string>());
        Assert.Equal("approval", data["taskKind"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2024, 9, 29, 9, 0, 0, TimeSpan.FromHours(8)), DateTimeOffset.Parse(data["dueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(notice.ProcessedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_CaseFinishes_TellsTheInitiatorWithTheOutput(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");

        await engine.DecideAsync(id, "approve");

        var finished = Assert.Single(await engine.OutboxAsync(id), m => m.Kind == "case-finished");
        Assert.Equal("applicant", finished.RecipientUserId);
        Assert.Equal("approved", JsonNode.Parse(finished.Data)!["output"]!["result"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Cancel_Case_TellsTheInitiatorWithTheReason(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");

        await engine.Runtime.CancelAsync(id, "admin", "重复申报");

        var cancelled = Assert.Single(await engine.OutboxAsync(id), m => m.Kind == "case-cancelled");
        Assert.Equal("applicant", cancelled.RecipientUserId);
        Assert.Equal("重复申报", JsonNode.Parse(cancelled.Data)!["reason"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_TwoApproversAtOnce_OnlyTheWinnersNoticesAreWritten(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval-two-levels.json");
        var id = await engine.StartAsync("test-approval-two-levels");
        var task = await engine.SingleOpenTaskAsync(id);

        await Task.WhenAll(
            Task.Run(() => engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "reviewer-a"))),
            Task.Run(() => engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "reviewer-b"))));

        // The city task's notice, then the one province task of the single step that committed.
        Assert.Equal(["city", "province"], (await engine.OutboxAsync(id)).Select(m => m.RecipientRole!.Split('_')[0]));
    }
}
