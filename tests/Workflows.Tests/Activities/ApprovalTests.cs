using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Activities;

public sealed class ApprovalTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Approval_Approved_GoesToTheApproveEdge(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");

        var task = await engine.SingleOpenTaskAsync(id);
        Assert.Equal(("city_reviewer", TestOrganizations.City, "approval"), (task.AssigneeRole, task.AssigneeOrgId, task.Kind));
        await engine.DecideAsync(id, "approve");

        Assert.Equal("approved", (await engine.VariablesAsync(id))["result"]!.GetValue<string>());
        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Approval_Rejected_GoesToTheRejectEdge(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");

        await engine.DecideAsync(id, "reject");

        Assert.Equal("rejected", (await engine.VariablesAsync(id))["result"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Approval_ReturnedToApplicant_ResubmissionComesBackToTheSameStepOnTheSameCase(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval", new JsonObject { ["plannedEnrolment"] = 30 });

        await engine.DecideAsync(id, "return");
        var resubmit = await engine.SingleOpenTaskAsync(id);
        Assert.Equal(("resubmit", "applicant", TestOrganizations.School), (resubmit.Kind, resubmit.AssigneeUserId, resubmit.AssigneeOrgId));

        await engine.Runtime.CompleteTaskAsync(resubmit.Id,
            new TaskDecision("resubmit", "applicant") { Data = new JsonObject { ["plannedEnrolment"] = 45 } });
        var again = await engine.SingleOpenTaskAsync(id);
        Assert.Equal(("approval", "city"), (again.Kind, again.NodeId));
        await engine.DecideAsync(id, "approve");

        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
        Assert.Equal(45, (await engine.FormAsync(id))["plannedEnrolment"]!.GetValue<int>());
        var kinds = (await engine.JournalAsync(id)).Select(j => j.Kind).ToList();
        Assert.Contains("returned", kinds);
        Assert.Contains("resubmitted", kinds);
        Assert.Contains("form-changed", kinds);
        Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Approval_ReturnedToANamedEarlierStep_ThatStepActsAgain(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval-two-levels.json");
        var id = await engine.StartAsync("test-approval-two-levels");
        await engine.DecideAsync(id, "approve");
        Assert.Equal("province", (await engine.SingleOpenTaskAsync(id)).NodeId);

        var returned = await engine.DecideAsync(id, "return", "province-officer", returnTo: "city");

        Assert.Equal(RunStatus.Ok, returned.Status);
        var cityAgain = await engine.SingleOpenTaskAsync(id);
        Assert.Equal(("city", TestOrganizations.City), (cityAgain.NodeId, cityAgain.AssigneeOrgId));
        await engine.DecideAsync(id, "approve");
        Assert.Equal("province", (await engine.SingleOpenTaskAsync(id)).NodeId);
        await engine.DecideAsync(id, "approve");
        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Approval_ResubmitToStart_RunsTheWholeReviewAgain(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval-two-levels.json");
        var id = await engine.StartAsync("test-approval-two-levels");
        await engine.DecideAsync(id, "approve");
        await engine.DecideAsync(id, "return", "province-officer");

        await engine.DecideAsync(id, "resubmit", "applicant");

        Assert.Equal("city", (await engine.SingleOpenTaskAsync(id)).NodeId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Approval_ReturnToAStepNotYetVisited_IsInvalid(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval-two-levels.json");
        var id = await engine.StartAsync("test-approval-two-levels");

        var result = await engine.DecideAsync(id, "return", returnTo: "province");

        Assert.Equal(RunStatus.Invalid, result.Status);
        Assert.Contains("returnTo", result.Errors!.Keys);
        Assert.Equal("city", (await engine.SingleOpenTaskAsync(id)).NodeId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_SameTaskTwice_SecondIsAConflictNotASecondStep(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval-two-levels.json");
        var id = await engine.StartAsync("test-approval-two-levels");
        var task = await engine.SingleOpenTaskAsync(id);

        var first = await engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "reviewer-a"));
        var second = await engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "reviewer-b"));

        Assert.Equal(RunStatus.Ok, first.Status);
        Assert.Equal(RunStatus.Conflict, second.Status);
        Assert.Equal("province", (await engine.SingleOpenTaskAsync(id)).NodeId);
        Assert.Single(await engine.JournalAsync(id), j => j.Kind == "decision");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_TwoApproversAtOnce_ExactlyOneWins(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval-two-levels.json");
        var id = await engine.StartAsync("test-approval-two-levels");
        var task = await engine.SingleOpenTaskAsync(id);

        var results = await Task.WhenAll(
            Task.Run(() => engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "reviewer-a"))),
            Task.Run(() => engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("reject", "reviewer-b"))));

        Assert.Single(results, r => r.Status == RunStatus.Ok);
        Assert.Single(results, r => r.Status == RunStatus.Conflict);
        Assert.Single(await engine.JournalAsync(id), j => j.Kind == "decision");
        Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);
    }
}
