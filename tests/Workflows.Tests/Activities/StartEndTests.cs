using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Activities;

public sealed class StartEndTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_SubmittedForm_RunsToEndWithItsResult(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("start-end.json");

        var id = await engine.StartAsync("test-start-end", new JsonObject { ["title"] = "增设数控专业" });

        var instance = await engine.InstanceAsync(id);
        Assert.Equal(InstanceStatus.Finished, instance.Status);
        Assert.Equal("增设数控专业", JsonNode.Parse(instance.Output!)!["received"]!.GetValue<string>());
        var kinds = (await engine.JournalAsync(id)).Select(j => j.Kind).ToArray();
        Assert.Equal(["started", "completed", "completed", "finished"], kinds);
        Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);
    }
}
