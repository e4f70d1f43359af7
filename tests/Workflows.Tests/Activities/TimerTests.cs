using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Activities;

public sealed class TimerTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static TheoryData<string, string, int, string?, DateTimeOffset> Deadlines()
    {
        var data = new TheoryData<string, string, int, string?, DateTimeOffset>();
        foreach (var db in TestDatabases.Names)
        {
            // From Friday 27 September 2024: Sunday 29th is a make-up working day, 1–7 October are off.
            data.Add(db, "workingDays", 5, null, new DateTimeOffset(2024, 10, 10, 10, 0, 0, Beijing));
            data.Add(db, "calendarDays", 5, null, new DateTimeOffset(2024, 10, 2, 10, 0, 0, Beijing));
            data.Add(db, "at", 0, "2024-10-08T17:30:00", new DateTimeOffset(2024, 10, 8, 17, 30, 0, Beijing));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Deadlines))]
    public async Task Timer_Mode_IsDueAtTheComputedInstantAndFiresThen(string database, string mode, int days, string? at, DateTimeOffset due)
    {
        await using var engine = await EngineHarness.CreateAsync(database, new DateTimeOffset(2024, 9, 27, 10, 0, 0, Beijing));
        await engine.PublishAsync("timer.json");
        var id = await engine.StartAsync("test-timer", variables: new JsonObject { ["mode"] = mode, ["days"] = days, ["at"] = at });

        var timer = Assert.Single(await engine.TimersAsync(id));
        Assert.Equal(due.UtcDateTime, timer.DueAt);
        Assert.Equal((timer.Id, due), Assert.Single(engine.Scheduler.Scheduled));

        engine.Clock.SetUtcNow(due.AddMinutes(-1));
        Assert.Equal(0, await engine.Runtime.FireDueTimersAsync());
        Assert.Equal(InstanceStatus.Suspended, (await engine.InstanceAsync(id)).Status);

        engine.Clock.SetUtcNow(due);
        Assert.Equal(1, await engine.Runtime.FireDueTimersAsync());
        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_SchedulerRefusesTheTimer_TheStepStandsAndTheSweepFiresItWhenDue(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("timer.json");
        engine.Scheduler.Refuses = true;

        var id = await engine.StartAsync("test-timer", variables: new JsonObject { ["mode"] = "calendarDays", ["days"] = 1 });

        var timer = Assert.Single(await engine.TimersAsync(id));
        Assert.Equal(TimerState.Pending, timer.State);
        Assert.Empty(engine.Scheduler.Scheduled);
        engine.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await engine.Runtime.FireDueTimersAsync());
        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task FireTimer_FiredTwiceOrConcurrently_StepsOnce(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("timer.json");
        var id = await engine.StartAsync("test-timer", variables: new JsonObject { ["mode"] = "calendarDays", ["days"] = 1 });
        var timer = Assert.Single(await engine.TimersAsync(id));
        engine.Clock.Advance(TimeSpan.FromDays(2));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => engine.Runtime.FireTimerAsync(timer.Id))));
        var again = await engine.Runtime.FireTimerAsync(timer.Id);

        Assert.Single(results, r => r.Status == RunStatus.Ok);
        Assert.Equal(RunStatus.Conflict, again.Status);
        Assert.Single(await engine.JournalAsync(id), j => j.Kind == "timer-fired");
        Assert.Equal(TimerState.Fired, Assert.Single(await engine.TimersAsync(id)).State);
        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task FireDueTimers_MoreThanABatchOnConcurrentSweepsAndJobs_FiresEachOnce(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("timer.json");
        var count = WorkflowRuntime.TimerBatchSize + 3;
        var ids = new List<InstanceId>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await engine.StartAsync("test-timer", variables: new JsonObject { ["mode"] = "calendarDays", ["days"] = 1 }));
        }

        var timers = (await Task.WhenAll(ids.Select(engine.TimersAsync))).Select(t => Assert.Single(t).Id).ToList();
        engine.Clock.Advance(TimeSpan.FromDays(2));

        // Three sweeps (as on three nodes) and a job per timer, all at once.
        var sweeps = Enumerable.Range(0, 3).Select(_ => Task.Run(() => engine.Runtime.FireDueTimersAsync())).ToList();
        var jobs = timers.Select(id => Task.Run(() => engine.Runtime.FireTimerAsync(id))).ToList();
        var swept = await Task.WhenAll(sweeps);
        var fired = await Task.WhenAll(jobs);

        Assert.Equal(count, swept.Sum() + fired.Count(r => r.Succeeded));
        foreach (var id in ids)
        {
            Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
            Assert.Single(await engine.JournalAsync(id), j => j.Kind == "timer-fired");
            Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);
        }

        Assert.Equal(0, await engine.Runtime.FireDueTimersAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Timer_CalendarOverrideInTheDatabase_MovesTheDeadline(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database, new DateTimeOffset(2024, 9, 27, 10, 0, 0, Beijing));
        await engine.PublishAsync("timer.json");
        await using (var db = engine.Database.CreateContext())
        {
            db.CalendarOverrides.Add(new CalendarOverride { Date = new DateOnly(2024, 10, 9), IsOffDay = true, Name = "自治区停工一天" });
            await db.SaveChangesAsync();
        }

        var id = await engine.StartAsync("test-timer");

        Assert.Equal(new DateTimeOffset(2024, 10, 11, 10, 0, 0, Beijing).UtcDateTime, Assert.Single(await engine.TimersAsync(id)).DueAt);
    }
}
