using Approvals.Workflows;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests.Features;

public sealed class TimerSchedulingTests : IDisposable
{
    // The deadline lies in the past, so the job is due as soon as it is scheduled.
    private const string TimerDefinition = """
        {
          "id": "host-timer", "name": "公示期",
          "nodes": [
            { "id": "start", "kind": "Start" },
            { "id": "notice", "kind": "Timer", "inputs": { "mode": "at", "at": "2024-10-10T10:00:00+08:00" } },
            { "id": "end", "kind": "End" }
          ],
          "edges": [
            { "source": "start", "outcome": "done", "target": "notice" },
            { "source": "notice", "outcome": "done", "target": "end" }
          ]
        }
        """;

    private readonly string databaseFile = HostFactory.NewDatabaseFile();
    private readonly string definitions = Directory.CreateTempSubdirectory("approvals-timer-definitions-").FullName;

    public TimerSchedulingTests() => File.WriteAllText(Path.Combine(definitions, "host-timer.json"), TimerDefinition);

    [Fact]
    public async Task Timer_OfANewCase_FiresOnceThroughHangfire()
    {
        await using var factory = new HostFactory(databaseFile, definitions);
        factory.CreateClient();
        var runtime = factory.Services.GetRequiredService<WorkflowRuntime>();

        var started = await runtime.StartAsync(new StartRequest("host-timer"));

        await AssertFinishesAsync(factory.Services.GetRequiredService<WorkflowDatabase>(), started.InstanceId!.Value);
    }

    [Fact]
    public async Task Startup_TimerPendingFromBeforeTheRestart_IsScheduledAgainAndFires()
    {
        // A case written while no host (and so no in-memory Hangfire queue) existed: only its timer row knows.
        InstanceId id;
        var engine = new ServiceCollection().AddLogging().AddWorkflows($"Data Source={databaseFile};Pooling=False").BuildServiceProvider();
        await using (engine)
        {
            await engine.GetRequiredService<WorkflowDatabase>().MigrateAsync();
            var published = await engine.GetRequiredService<DefinitionStore>().PublishAsync(DefinitionJson.Parse(TimerDefinition), "test");
            Assert.True(published.Succeeded);
            id = (await engine.GetRequiredService<WorkflowRuntime>().StartAsync(new StartRequest("host-timer"))).InstanceId!.Value;
        }

        await using var factory = new HostFactory(databaseFile, definitions);
        factory.CreateClient();

        await AssertFinishesAsync(factory.Services.GetRequiredService<WorkflowDatabase>(), id);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
        Directory.Delete(definitions, recursive: true);
    }

    private static async Task AssertFinishesAsync(WorkflowDatabase database, InstanceId id)
    {
        // Hangfire polls its schedule every second here; allow generously for a loaded CI machine.
        for (var attempt = 0; attempt < 300; attempt++)
        {
            await using var db = database.CreateContext();
            var status = await db.Instances.Where(i => i.Id == id).Select(i => i.Status).SingleAsync();
            if (status == InstanceStatus.Finished)
            {
                Assert.Single(await db.Journal.Where(j => j.InstanceId == id && j.Kind == "timer-fired").ToListAsync());
                Assert.Equal(TimerState.Fired, (await db.Timers.SingleAsync(t => t.InstanceId == id)).State);
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("the timer did not fire within 30 s");
    }
}
