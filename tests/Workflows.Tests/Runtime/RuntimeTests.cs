using System.Diagnostics;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Runtime;

public sealed class RuntimeTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_RunawayCondition_FaultsWithinTwoSecondsAndTheEngineGoesOn(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("runaway.json");
        await engine.PublishAsync("start-end.json");

        var watch = Stopwatch.StartNew();
        var result = await engine.Runtime.StartAsync(new StartRequest("test-runaway") { InitiatorOrgId = TestOrganizations.School });
        watch.Stop();

        Assert.Equal(InstanceStatus.Faulted, result.InstanceStatus);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        await using (var db = engine.Database.CreateContext())
        {
            var incident = await db.Incidents.SingleAsync(i => i.InstanceId == result.InstanceId);
            Assert.Equal("check", incident.NodeId);
        }

        var other = await engine.StartAsync("test-start-end", new JsonObject { ["title"] = "x" });
        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(other)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Retry_AfterTheCauseIsFixed_CarriesOnFromTheFailedStep(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");

        // A school the directory does not yet place under a city: the city reviewer cannot be found.
        var id = await engine.StartAsync("test-approval", initiatorOrgId: "nmg-new-school");
        Assert.Equal(InstanceStatus.Faulted, (await engine.InstanceAsync(id)).Status);
        Assert.Empty(await engine.OpenTasksAsync(id));

        engine.Organizations.SetParent("nmg-new-school", TestOrganizations.City);
        var retried = await engine.Runtime.RetryAsync(id, "admin");

        Assert.Equal(InstanceStatus.Suspended, retried.InstanceStatus);
        Assert.Equal(TestOrganizations.City, (await engine.SingleOpenTaskAsync(id)).AssigneeOrgId);
        await using var db = engine.Database.CreateContext();
        Assert.NotNull((await db.Incidents.SingleAsync(i => i.InstanceId == id)).ResolvedAt);
        Assert.Equal(RunStatus.Conflict, (await engine.Runtime.RetryAsync(id, "admin")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Cancel_WaitingCase_CancelsItsTasksAndCannotBeCancelledTwice(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);

        var cancelled = await engine.Runtime.CancelAsync(id, "applicant", "学校撤回申请");

        Assert.Equal(InstanceStatus.Cancelled, cancelled.InstanceStatus);
        Assert.Empty(await engine.OpenTasksAsync(id));
        Assert.Equal(RunStatus.Conflict, (await engine.Runtime.CompleteTaskAsync(task.Id, new("approve", "reviewer"))).Status);
        Assert.Equal(RunStatus.Conflict, (await engine.Runtime.CancelAsync(id, "applicant", null)).Status);
        Assert.Contains(await engine.JournalAsync(id), j => j.Kind == "cancelled" && j.Data.Contains("学校撤回申请", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Publish_NewVersion_RunningInstanceKeepsItsVersion(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        var v1 = await engine.PublishAsync("approval.json");
        var old = await engine.StartAsync("test-approval");

        // v2 sends the case to the province instead of the city.
        var definition = v1.Definition with { Version = 0 };
        var city = definition.Node("city");
        var v2Definition = definition with
        {
            Nodes = [.. definition.Nodes.Select(n => n.Id != "city" ? n : city with
            {
                Inputs = new JsonObject { ["assignee"] = new JsonObject { ["role"] = "province_reviewer", ["org"] = TestOrganizations.Province } },
            })],
        };
        var v2 = await engine.PublishAsync(v2Definition);
        Assert.Equal(2, v2.Definition.Version);
        var fresh = await engine.StartAsync("test-approval");

        Assert.Equal(1, (await engine.InstanceAsync(old)).DefinitionVersion);
        Assert.Equal(2, (await engine.InstanceAsync(fresh)).DefinitionVersion);
        Assert.Equal(TestOrganizations.Province, (await engine.SingleOpenTaskAsync(fresh)).AssigneeOrgId);

        await engine.RebuildAsync();
        await engine.Runtime.CompleteTaskAsync((await engine.SingleOpenTaskAsync(old)).Id, new("return", "reviewer"));
        await engine.DecideAsync(old, "resubmit", "applicant");
        Assert.Equal(TestOrganizations.City, (await engine.SingleOpenTaskAsync(old)).AssigneeOrgId);
        Assert.Equal([2, 1], (await engine.Definitions.GetVersionsAsync("test-approval")).Select(v => v.Version));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Publish_DefinitionBuiltInCodeWithANumber_RunsAsItWouldAfterARestart(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        var definition = await DefinitionJson.LoadAsync(Path.Combine(AppContext.BaseDirectory, "Definitions", "approval.json"));
        var city = definition.Node("city");
        var inputs = (JsonObject)city.Inputs.DeepClone();
        inputs["dueInWorkingDays"] = 3;

        await engine.PublishAsync(definition with { Nodes = [.. definition.Nodes.Select(n => n.Id == "city" ? city with { Inputs = inputs } : n)] });
        var id = await engine.StartAsync("test-approval");

        Assert.Equal(InstanceStatus.Suspended, (await engine.InstanceAsync(id)).Status);
        Assert.Equal(new DateTimeOffset(2024, 9, 26, 9, 0, 0, TimeSpan.FromHours(8)).UtcDateTime, (await engine.SingleOpenTaskAsync(id)).DueAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Publish_UnchangedDefinitionWithOnlyIfChanged_KeepsTheVersion(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        var first = await engine.PublishAsync("approval.json");

        var again = await engine.Definitions.PublishAsync(first.Definition with { Version = 0 }, "loader", onlyIfChanged: true);

        Assert.False(again.Changed);
        Assert.Equal(first.RecordId, again.Published!.RecordId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Comment_OnACase_IsJournaledWithItsAuthor(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");

        Assert.Equal(RunStatus.Ok, (await engine.Runtime.CommentAsync(id, "city-officer", "材料齐全，下周上会")).Status);
        Assert.Equal(RunStatus.Invalid, (await engine.Runtime.CommentAsync(id, "city-officer", "  ")).Status);

        var entry = Assert.Single(await engine.JournalAsync(id), j => j.Kind == "comment");
        Assert.Equal("city-officer", entry.Actor);
        Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Migrate_FreshDatabase_MatchesTheModel(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await using var db = engine.Database.CreateContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_UnpublishedDefinition_IsNotFoundAndWritesNothing(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);

        var result = await engine.Runtime.StartAsync(new StartRequest("no-such-process"));

        Assert.Equal(RunStatus.NotFound, result.Status);
        await using var db = engine.Database.CreateContext();
        Assert.Equal(0, await db.Instances.CountAsync());
        Assert.Equal(0, await db.Journal.CountAsync());
    }
}
