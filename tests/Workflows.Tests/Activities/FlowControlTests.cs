using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Activities;

public sealed class FlowControlTests
{
    public static TheoryData<string, int, string> Amounts()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var db in TestDatabases.Names)
        {
            data.Add(db, 20000, "big");
            data.Add(db, 10000, "small");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Amounts))]
    public async Task If_Condition_ChoosesTheBranch(string database, int amount, string expected)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("if.json");

        var id = await engine.StartAsync("test-if", new JsonObject { ["amount"] = amount });

        Assert.Equal(expected, (await engine.VariablesAsync(id))["route"]!.GetValue<string>());
    }

    public static TheoryData<string, string, int> Levels()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var db in TestDatabases.Names)
        {
            data.Add(db, "全国", 20000);
            data.Add(db, "全省", 10000);
            data.Add(db, "全市", 3000);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Switch_FirstMatchingCase_WinsAndOtherwiseDefault(string database, string level, int expected)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("switch.json");

        var id = await engine.StartAsync("test-switch", new JsonObject { ["level"] = level });

        Assert.Equal(expected, (await engine.VariablesAsync(id))["amount"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SetVariable_Expression_StoresTheValueAndJournalsTheChange(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("set-variable.json");

        var id = await engine.StartAsync("test-set-variable", new JsonObject { ["base"] = 10000, ["industry"] = true });

        Assert.Equal(5000, (await engine.VariablesAsync(id))["reward"]!.GetValue<double>());
        var change = Assert.Single(await engine.JournalAsync(id), j => j.Kind == "variable-changed");
        var data = JsonNode.Parse(change.Data)!;
        Assert.Equal(("reward", 0d, 5000d), (data["name"]!.GetValue<string>(), data["old"]!.GetValue<double>(), data["new"]!.GetValue<double>()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ForkJoinAll_BothBranches_ContinueOnlyWhenBothArrive(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("fork-join.json");
        var id = await engine.StartAsync("test-fork-join");
        var tasks = await engine.OpenTasksAsync(id);
        Assert.Equal(["education", "finance"], tasks.Select(t => t.NodeId).Order());

        await engine.Runtime.CompleteTaskAsync(tasks.Single(t => t.NodeId == "education").Id, new("approve", "edu"));
        Assert.Equal(InstanceStatus.Suspended, (await engine.InstanceAsync(id)).Status);
        Assert.Equal("finance", (await engine.SingleOpenTaskAsync(id)).NodeId);

        await engine.DecideAsync(id, "approve", "fin");
        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
        Assert.Single(await engine.JournalAsync(id), j => j.Kind == "completed" && j.NodeId == "join");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ForkJoinAny_FirstBranch_ContinuesAndCancelsTheOther(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("fork-join.json");
        var id = await engine.StartAsync("test-fork-join", variables: new JsonObject { ["joinMode"] = "any" });
        var finance = (await engine.OpenTasksAsync(id)).Single(t => t.NodeId == "finance");

        await engine.Runtime.CompleteTaskAsync(finance.Id, new("approve", "fin"));

        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
        Assert.Empty(await engine.OpenTasksAsync(id));
    }
}
