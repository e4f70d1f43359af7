using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Activities;

public sealed class CountersignTests
{
    public static TheoryData<string, string, string[], string, int> Votes()
    {
        // database, mode, votes in signer order, expected result, votes it takes to decide
        var data = new TheoryData<string, string, string[], string, int>();
        foreach (var db in TestDatabases.Names)
        {
            data.Add(db, "all", ["approve", "approve", "approve"], "passed", 3);
            data.Add(db, "all", ["approve", "reject"], "failed", 2);
            data.Add(db, "any", ["approve"], "passed", 1);
            data.Add(db, "any", ["reject", "reject", "reject"], "failed", 3);
            data.Add(db, "sequential", ["approve", "approve", "approve"], "passed", 3);
            data.Add(db, "sequential", ["approve", "reject"], "failed", 2);
            data.Add(db, "ratio", ["approve", "reject", "approve"], "passed", 3);
            data.Add(db, "ratio", ["reject", "reject"], "failed", 2);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Votes))]
    public async Task Countersign_Votes_DecideAsSoonAsTheOutcomeIsCertain(string database, string mode, string[] votes, string expected, int decisive)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("countersign.json");
        var id = await engine.StartAsync("test-countersign", variables: new JsonObject { ["mode"] = mode });
        Assert.Equal(mode == "sequential" ? 1 : 3, (await engine.OpenTasksAsync(id)).Count);

        for (var i = 0; i < votes.Length; i++)
        {
            var open = await engine.OpenTasksAsync(id);
            var signer = $"expert-{i + 1}";
            var task = Assert.Single(open, t => t.AssigneeUserId == signer);
            var result = await engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision(votes[i], signer));
            Assert.Equal(RunStatus.Ok, result.Status);
            Assert.Equal(i + 1 == decisive ? InstanceStatus.Finished : InstanceStatus.Suspended, result.InstanceStatus);
        }

        Assert.Equal(expected, (await engine.VariablesAsync(id))["result"]!.GetValue<string>());
        Assert.Empty(await engine.OpenTasksAsync(id));
        var decided = Assert.Single(await engine.JournalAsync(id), j => j.Kind == "countersign-decided");
        Assert.Contains(expected == "passed" ? "\"approve\"" : "\"reject\"", decided.Data);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Countersign_DecidedBeforeEveryoneVoted_CancelsTheRemainingTasks(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("countersign.json");
        var id = await engine.StartAsync("test-countersign", variables: new JsonObject { ["mode"] = "any" });

        await engine.Runtime.CompleteTaskAsync((await engine.OpenTasksAsync(id))[0].Id, new TaskDecision("approve", "expert-1"));

        await using var db = engine.Database.CreateContext();
        var statuses = db.HumanTasks.Where(t => t.InstanceId == id).Select(t => t.Status).ToList();
        Assert.Equal(1, statuses.Count(s => s == HumanTaskStatus.Completed));
        Assert.Equal(2, statuses.Count(s => s == HumanTaskStatus.Cancelled));
    }
}
