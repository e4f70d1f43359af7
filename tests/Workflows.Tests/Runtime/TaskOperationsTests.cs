using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Runtime;

public sealed class TaskOperationsTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task TransferTask_OpenTask_BelongsToTheNewPersonWhoIsTold(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);

        var result = await engine.Runtime.TransferTaskAsync(task.Id, "city-head", new TaskReassignment("zhang", "nmg-bt"), "请张科长办理");

        Assert.Equal(RunStatus.Ok, result.Status);
        var after = await engine.TaskAsync(task.Id);
        Assert.Equal(("zhang", "nmg-bt", HumanTaskStatus.Open), (after.AssigneeUserId, after.AssigneeOrgId, after.Status));
        var entry = Assert.Single(await engine.JournalAsync(id), j => j.Kind == "task-transferred");
        Assert.Equal("city-head", entry.Actor);
        Assert.Equal("zhang", JsonNode.Parse(entry.Data)!["to"]!.GetValue<string>());
        Assert.Equal("请张科长办理", JsonNode.Parse(entry.Data)!["comment"]!.GetValue<string>());
        var notice = (await engine.OutboxAsync(id)).Last();
        Assert.Equal(("task-assigned", "zhang"), (notice.Kind, notice.RecipientUserId));
        Assert.Equal(RunStatus.Ok, (await engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "zhang"))).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task TransferTask_KeepsTheOrganisationWhenNoneIsGiven(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);

        await engine.Runtime.TransferTaskAsync(task.Id, "city-head", new TaskReassignment("li", null), null);

        Assert.Equal(("li", TestOrganizations.City), ((await engine.TaskAsync(task.Id)).AssigneeUserId, (await engine.TaskAsync(task.Id)).AssigneeOrgId));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task TransferTask_UnknownDoneOrUnnamed_IsNotFoundConflictOrInvalid(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);

        Assert.Equal(RunStatus.Invalid, (await engine.Runtime.TransferTaskAsync(task.Id, "a", new TaskReassignment(" ", null), null)).Status);
        Assert.Equal(RunStatus.NotFound, (await engine.Runtime.TransferTaskAsync(TaskId.New(engine.Clock), "a", new TaskReassignment("b", null), null)).Status);
        await engine.DecideAsync(id, "approve");
        var done = await engine.Runtime.TransferTaskAsync(task.Id, "a", new TaskReassignment("b", null), null);

        Assert.Equal(RunStatus.Conflict, done.Status);
        Assert.DoesNotContain(await engine.JournalAsync(id), j => j.Kind == "task-transferred");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DelegateTask_UntilHandedBack_OwnerCannotDecideAndTheDelegateIsTold(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);

        var delegated = await engine.Runtime.DelegateTaskAsync(task.Id, "wang", new TaskReassignment("zhao", null), "请先核对材料");
        var decidedMeanwhile = await engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "wang"));
        var delegatedAgain = await engine.Runtime.DelegateTaskAsync(task.Id, "wang", new TaskReassignment("qian", null), null);

        Assert.Equal(RunStatus.Ok, delegated.Status);
        Assert.Equal(RunStatus.Conflict, decidedMeanwhile.Status);
        Assert.Contains("委派", decidedMeanwhile.Error, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Conflict, delegatedAgain.Status);
        var during = await engine.TaskAsync(task.Id);
        Assert.Equal(("wang", "zhao"), (during.OwnerUserId, during.DelegatedToUserId));
        Assert.Equal(("task-assigned", "zhao"), ((await engine.OutboxAsync(id)).Last().Kind, (await engine.OutboxAsync(id)).Last().RecipientUserId));

        var resolved = await engine.Runtime.ResolveDelegationAsync(task.Id, "zhao", "材料齐全，建议同意");

        Assert.Equal(RunStatus.Ok, resolved.Status);
        Assert.Null((await engine.TaskAsync(task.Id)).DelegatedToUserId);
        var entry = Assert.Single(await engine.JournalAsync(id), j => j.Kind == "delegation-resolved");
        Assert.Equal(("zhao", "材料齐全，建议同意"), (entry.Actor, JsonNode.Parse(entry.Data)!["comment"]!.GetValue<string>()));
        Assert.Equal(("task-assigned", "wang"), ((await engine.OutboxAsync(id)).Last().Kind, (await engine.OutboxAsync(id)).Last().RecipientUserId));
        Assert.Equal(InstanceStatus.Finished, (await engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "wang"))).InstanceStatus);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ResolveDelegation_TaskNotDelegated_IsAConflict(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");

        var result = await engine.Runtime.ResolveDelegationAsync((await engine.SingleOpenTaskAsync(id)).Id, "zhao", null);

        Assert.Equal(RunStatus.Conflict, result.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DelegateTask_TwoAtOnce_ExactlyOneWins(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);

        var results = await Task.WhenAll(
            Task.Run(() => engine.Runtime.DelegateTaskAsync(task.Id, "wang", new TaskReassignment("zhao", null), null)),
            Task.Run(() => engine.Runtime.DelegateTaskAsync(task.Id, "li", new TaskReassignment("qian", null), null)));

        Assert.Single(results, r => r.Status == RunStatus.Ok);
        Assert.Single(results, r => r.Status == RunStatus.Conflict);
        Assert.Single(await engine.JournalAsync(id), j => j.Kind == "task-delegated");
        Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task AddSigner_OpinionFirst_ThenTheOriginalAssigneeDecides(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);

        var added = await engine.Runtime.AddSignerAsync(task.Id, "wang", new TaskReassignment("expert-9", "nmg-experts"), "请专家把关");

        Assert.Equal(RunStatus.Ok, added.Status);
        var signerTask = await engine.TaskAsync(added.TaskId!.Value);
        Assert.Equal(("addsign", task.Id, task.BookmarkId, task.NodeId, "expert-9", "nmg-experts", HumanTaskStatus.Open),
            (signerTask.Kind, signerTask.ParentTaskId!.Value, signerTask.BookmarkId, signerTask.NodeId, signerTask.AssigneeUserId,
                signerTask.AssigneeOrgId, signerTask.Status));
        Assert.Equal("[\"approve\",\"reject\"]", signerTask.AllowedOutcomes);
        Assert.Equal(signerTask.Id, (await engine.TaskAsync(task.Id)).WaitingForTaskId);
        Assert.Equal(("task-assigned", "expert-9"), ((await engine.OutboxAsync(id)).Last().Kind, (await engine.OutboxAsync(id)).Last().RecipientUserId));

        var tooEarly = await engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "wang"));
        Assert.Equal(RunStatus.Conflict, tooEarly.Status);
        Assert.Contains("加签", tooEarly.Error, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Conflict, (await engine.Runtime.AddSignerAsync(task.Id, "wang", new TaskReassignment("expert-8", null), null)).Status);

        var opinion = await engine.Runtime.CompleteTaskAsync(signerTask.Id, new TaskDecision("reject", "expert-9") { Comment = "实训设备不足" });

        Assert.Equal((RunStatus.Ok, InstanceStatus.Suspended), (opinion.Status, opinion.InstanceStatus));
        Assert.Equal(HumanTaskStatus.Completed, (await engine.TaskAsync(signerTask.Id)).Status);
        var original = await engine.TaskAsync(task.Id);
        Assert.Equal((HumanTaskStatus.Open, (TaskId?)null), (original.Status, original.WaitingForTaskId));
        var journal = await engine.JournalAsync(id);
        var recorded = Assert.Single(journal, j => j.Kind == "signer-opinion");
        Assert.Equal(("expert-9", "reject", "实训设备不足"),
            (recorded.Actor, JsonNode.Parse(recorded.Data)!["outcome"]!.GetValue<string>(), JsonNode.Parse(recorded.Data)!["comment"]!.GetValue<string>()));
        Assert.Single(journal, j => j.Kind == "decision");

        Assert.Equal(InstanceStatus.Finished, (await engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "wang"))).InstanceStatus);
        Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task AddSigner_CaseCancelledMeanwhile_CancelsTheSignersTaskToo(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);
        var added = await engine.Runtime.AddSignerAsync(task.Id, "wang", new TaskReassignment("expert-9", null), null);

        await engine.Runtime.CancelAsync(id, "applicant", null);

        Assert.Equal(HumanTaskStatus.Cancelled, (await engine.TaskAsync(added.TaskId!.Value)).Status);
        Assert.Equal(HumanTaskStatus.Cancelled, (await engine.TaskAsync(task.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_AddedSignerChangingTheForm_IsInvalid(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var added = await engine.Runtime.AddSignerAsync((await engine.SingleOpenTaskAsync(id)).Id, "wang", new TaskReassignment("expert-9", null), null);

        var result = await engine.Runtime.CompleteTaskAsync(added.TaskId!.Value,
            new TaskDecision("approve", "expert-9") { Data = new JsonObject { ["plannedEnrolment"] = 10 } });

        Assert.Equal(RunStatus.Invalid, result.Status);
        Assert.Contains("data", result.Errors!.Keys);
        Assert.Equal(HumanTaskStatus.Open, (await engine.TaskAsync(added.TaskId!.Value)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task UrgeTask_OpenTask_StampsItAndNudgesWhoeverHasItNow(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);
        await engine.Runtime.DelegateTaskAsync(task.Id, "wang", new TaskReassignment("zhao", null), null);
        engine.Clock.Advance(TimeSpan.FromHours(3));

        var result = await engine.Runtime.UrgeTaskAsync(task.Id, "applicant", "下周截止，请尽快审核");

        Assert.Equal(RunStatus.Ok, result.Status);
        Assert.Equal(engine.Clock.GetUtcNow().UtcDateTime, (await engine.TaskAsync(task.Id)).LastUrgedAt);
        Assert.Equal("applicant", Assert.Single(await engine.JournalAsync(id), j => j.Kind == "task-urged").Actor);
        var urged = Assert.Single(await engine.OutboxAsync(id), m => m.Kind == "urged");
        Assert.Equal("zhao", urged.RecipientUserId);
        var data = JsonNode.Parse(urged.Data)!;
        Assert.Equal(("下周截止，请尽快审核", "applicant"), (data["message"]!.GetValue<string>(), data["by"]!.GetValue<string>()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task UrgeTask_DecidedTask_IsAConflictAndWritesNothing(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);
        await engine.DecideAsync(id, "approve");

        var result = await engine.Runtime.UrgeTaskAsync(task.Id, "applicant", null);

        Assert.Equal(RunStatus.Conflict, result.Status);
        Assert.DoesNotContain(await engine.OutboxAsync(id), m => m.Kind == "urged");
        Assert.Null((await engine.TaskAsync(task.Id)).LastUrgedAt);
    }
}
