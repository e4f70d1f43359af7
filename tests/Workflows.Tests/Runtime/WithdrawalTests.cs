using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Runtime;

public sealed class WithdrawalTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Withdraw_BeforeAnyoneActed_CancelsTheReviewAndGivesTheApplicantAResubmission(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval", new JsonObject { ["plannedEnrolment"] = 30 });
        var review = await engine.SingleOpenTaskAsync(id);

        var result = await engine.Runtime.WithdrawAsync(id, "applicant", "招生计划有误");

        Assert.Equal((RunStatus.Ok, InstanceStatus.Suspended), (result.Status, result.InstanceStatus));
        Assert.Equal(HumanTaskStatus.Cancelled, (await engine.TaskAsync(review.Id)).Status);
        Assert.All((await engine.TimersAsync(id)).Where(t => t.TaskId == review.Id), t => Assert.Equal(TimerState.Cancelled, t.State));
        var resubmit = await engine.SingleOpenTaskAsync(id);
        Assert.Equal(("resubmit", "start", "applicant", TestOrganizations.School, "[\"resubmit\"]"),
            (resubmit.Kind, resubmit.NodeId, resubmit.AssigneeUserId, resubmit.AssigneeOrgId, resubmit.AllowedOutcomes));
        var withdrawn = Assert.Single(await engine.JournalAsync(id), j => j.Kind == "withdrawn");
        Assert.Equal(("applicant", "招生计划有误"), (withdrawn.Actor, JsonNode.Parse(withdrawn.Data)!["reason"]!.GetValue<string>()));
        Assert.Equal(("task-assigned", "applicant"), ((await engine.OutboxAsync(id)).Last().Kind, (await engine.OutboxAsync(id)).Last().RecipientUserId));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_ResubmissionAfterWithdrawal_MergesTheChangesAndRunsTheProcessAgain(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval", new JsonObject { ["plannedEnrolment"] = 30 });
        await engine.Runtime.WithdrawAsync(id, "applicant", null);
        var resubmit = await engine.SingleOpenTaskAsync(id);

        var result = await engine.Runtime.CompleteTaskAsync(resubmit.Id,
            new TaskDecision("resubmit", "applicant") { Data = new JsonObject { ["plannedEnrolment"] = 45 }, Comment = "已更正" });

        Assert.Equal((RunStatus.Ok, InstanceStatus.Suspended), (result.Status, result.InstanceStatus));
        Assert.Equal(("city", "approval"), ((await engine.SingleOpenTaskAsync(id)).NodeId, (await engine.SingleOpenTaskAsync(id)).Kind));
        Assert.Equal(45, (await engine.FormAsync(id))["plannedEnrolment"]!.GetValue<int>());
        var kinds = (await engine.JournalAsync(id)).Select(j => j.Kind).ToList();
        Assert.True(kinds.IndexOf("withdrawn") < kinds.IndexOf("form-changed"));
        Assert.True(kinds.IndexOf("form-changed") < kinds.IndexOf("resubmitted"));
        Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);

        // Nobody has acted on the resubmission yet, so it can be withdrawn again.
        Assert.Equal(RunStatus.Ok, (await engine.Runtime.WithdrawAsync(id, "applicant", null)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Withdraw_AfterAReviewerDecided_IsAConflict(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval-two-levels.json");
        var id = await engine.StartAsync("test-approval-two-levels");
        await engine.DecideAsync(id, "approve", "city-officer");

        var result = await engine.Runtime.WithdrawAsync(id, "applicant", null);

        Assert.Equal(RunStatus.Conflict, result.Status);
        Assert.Equal("已有审批人处理，不能撤回。", result.Error);
        Assert.Equal("province", (await engine.SingleOpenTaskAsync(id)).NodeId);
        Assert.DoesNotContain(await engine.JournalAsync(id), j => j.Kind == "withdrawn");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Withdraw_Twice_SecondIsAConflict(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        await engine.Runtime.WithdrawAsync(id, "applicant", null);

        var again = await engine.Runtime.WithdrawAsync(id, "applicant", null);

        Assert.Equal(RunStatus.Conflict, again.Status);
        Assert.Single(await engine.JournalAsync(id), j => j.Kind == "withdrawn");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Withdraw_FinishedOrUnknownCase_IsAConflictOrNotFound(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        await engine.DecideAsync(id, "approve");

        Assert.Equal(RunStatus.Conflict, (await engine.Runtime.WithdrawAsync(id, "applicant", null)).Status);
        Assert.Equal(RunStatus.NotFound, (await engine.Runtime.WithdrawAsync(InstanceId.New(engine.Clock), "applicant", null)).Status);
    }
}
