using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Activities;

public sealed class UserTaskTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task UserTask_CompletedWithOutcome_FollowsThatOutcomeAndKeepsTheData(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("user-task.json");
        var id = await engine.StartAsync("test-user-task");

        var task = await engine.SingleOpenTaskAsync(id);
        Assert.Equal(("school_applicant", TestOrganizations.School), (task.AssigneeRole, task.AssigneeOrgId));
        // Monday 09:00 plus three working days is Thursday 09:00 Beijing time.
        Assert.Equal(new DateTimeOffset(2024, 9, 26, 9, 0, 0, TimeSpan.FromHours(8)).UtcDateTime, task.DueAt);

        var result = await engine.Runtime.CompleteTaskAsync(task.Id,
            new TaskDecision("more", "teacher") { Data = new JsonObject { ["note"] = "补充实训设备清单" } });

        Assert.Equal(InstanceStatus.Finished, result.InstanceStatus);
        Assert.Equal("more", (await engine.VariablesAsync(id))["route"]!.GetValue<string>());
        Assert.Equal("补充实训设备清单", (await engine.FormAsync(id))["note"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_UnknownOutcome_IsInvalidAndLeavesTheTaskOpen(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("user-task.json");
        var id = await engine.StartAsync("test-user-task");
        var task = await engine.SingleOpenTaskAsync(id);

        var result = await engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "teacher"));

        Assert.Equal(RunStatus.Invalid, result.Status);
        Assert.Contains("outcome", result.Errors!.Keys);
        Assert.Equal(task.Id, (await engine.SingleOpenTaskAsync(id)).Id);
        Assert.Equal(InstanceStatus.Suspended, (await engine.InstanceAsync(id)).Status);
    }
}
