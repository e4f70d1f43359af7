using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Activities;

public sealed class SubWorkflowTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SubWorkflow_OneChildPerItem_ParentCollectsEveryResultInOrder(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("batch-child.json");
        await engine.PublishAsync("batch-parent.json");
        var schools = new JsonArray(
            new JsonObject { ["school"] = "呼和浩特技师学院", ["initiatorOrgId"] = TestOrganizations.School },
            new JsonObject { ["school"] = "包头市高级技工学校", ["initiatorOrgId"] = TestOrganizations.School });
        var parent = await engine.StartAsync("test-batch-parent", new JsonObject { ["schools"] = schools });

        List<WorkflowInstance> children;
        await using (var db = engine.Database.CreateContext())
        {
            children = await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == parent).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync();
        }

        Assert.Equal(2, children.Count);
        var indexOf = children.ToDictionary(c => c.Id, c => JsonNode.Parse(c.Variables)!["index"]!.GetValue<int>());

        // Decide the second school first: results still come back in list order.
        var second = children.Single(c => indexOf[c.Id] == 1).Id;
        var first = children.Single(c => indexOf[c.Id] == 0).Id;
        await engine.DecideAsync(second, "reject");
        Assert.Equal(InstanceStatus.Suspended, (await engine.InstanceAsync(parent)).Status);
        await engine.DecideAsync(first, "approve");

        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(parent)).Status);
        var results = (JsonArray)(await engine.VariablesAsync(parent))["results"]!;
        Assert.Equal([true, false], results.Select(r => r!["output"]!["recommended"]!.GetValue<bool>()));
        Assert.Equal("呼和浩特技师学院", results[0]!["output"]!["school"]!.GetValue<string>());
        Assert.True((await engine.Runtime.VerifyJournalAsync(parent)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SubWorkflow_EmptyList_CompletesAtOnce(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("batch-child.json");
        await engine.PublishAsync("batch-parent.json");

        var parent = await engine.StartAsync("test-batch-parent", new JsonObject { ["schools"] = new JsonArray() });

        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(parent)).Status);
        Assert.Empty((JsonArray)(await engine.VariablesAsync(parent))["results"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SubWorkflow_LastTwoChildrenFinishAtOnce_ParentMissesNeither(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("batch-child.json");
        await engine.PublishAsync("batch-parent.json");
        var schools = new JsonArray(new JsonObject { ["school"] = "甲校" }, new JsonObject { ["school"] = "乙校" });
        var parent = await engine.StartAsync("test-batch-parent", new JsonObject { ["schools"] = schools });
        List<HumanTask> tasks;
        await using (var db = engine.Database.CreateContext())
        {
            var children = await db.Instances.Where(i => i.ParentInstanceId == parent).Select(i => i.Id).ToListAsync();
            tasks = await db.HumanTasks.AsNoTracking().Where(t => children.Contains(t.InstanceId)).ToListAsync();
        }

        var results = await Task.WhenAll(tasks.Select(t =>
            Task.Run(() => engine.Runtime.CompleteTaskAsync(t.Id, new TaskDecision("approve", "city-officer")))));

        // A child whose completion lost the race on the parent rolled back whole: its task is still open to retry.
        foreach (var (task, result) in tasks.Zip(results).Where(p => p.Second.Status != RunStatus.Ok))
        {
            Assert.Equal(RunStatus.Conflict, result.Status);
            Assert.Equal(RunStatus.Ok, (await engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("approve", "city-officer"))).Status);
        }

        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(parent)).Status);
        var collected = (JsonArray)(await engine.VariablesAsync(parent))["results"]!;
        Assert.All(collected, r => Assert.Equal("finished", r!["status"]!.GetValue<string>()));
    }
}
