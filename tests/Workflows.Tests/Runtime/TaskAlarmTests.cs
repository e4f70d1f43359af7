using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Runtime;

public sealed class TaskAlarmTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Started Monday 23 September 2024 09:00 with five working days: due Sunday 29 September (a make-up working day).
    private static readonly DateTimeOffset Due = new(2024, 9, 29, 9, 0, 0, Beijing);

    private static readonly DateTimeOffset TwoWorkingDaysBefore = new(2024, 9, 26, 9, 0, 0, Beijing);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Approval_TaskWithADeadline_SchedulesAReminderAndAnOverdueAlarmOnItsBookmark(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);

        var timers = await engine.TimersAsync(id);

        Assert.Equal(Due.UtcDateTime, task.DueAt);
        Assert.Equal(
            [(TimerPurpose.Overdue, Due.UtcDateTime), (TimerPurpose.Reminder, TwoWorkingDaysBefore.UtcDateTime)],
            timers.Select(t => (t.Purpose, t.DueAt)).OrderBy(t => t.Purpose == TimerPurpose.Reminder));
        Assert.All(timers, t => Assert.Equal((task.Id, task.BookmarkId, TimerState.Pending), (t.TaskId!.Value, t.BookmarkId, t.State)));
        Assert.Equal(timers.Select(t => t.Id.Value).Order(), engine.Scheduler.Scheduled.Select(s => s.Id.Value).Order());
    }

    public static TheoryData<string, int?, int, DateTimeOffset?> ReminderDays()
    {
        // database, the step's remindBeforeWorkingDays, the installation's setting, the expected reminder
        var data = new TheoryData<string, int?, int, DateTimeOffset?>();
        foreach (var db in TestDatabases.Names)
        {
            data.Add(db, null, 2, new DateTimeOffset(2024, 9, 26, 9, 0, 0, Beijing));
            data.Add(db, 4, 2, new DateTimeOffset(2024, 9, 24, 9, 0, 0, Beijing));
            data.Add(db, null, 3, new DateTimeOffset(2024, 9, 25, 9, 0, 0, Beijing));
            data.Add(db, 0, 2, null);
            data.Add(db, null, 0, null);
            // Five working days before the deadline is the start itself: no longer ahead, so no reminder.
            data.Add(db, 5, 2, null);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReminderDays))]
    public async Task Approval_ReminderDays_FromTheStepElseTheInstallation(string database, int? stepDays, int setting, DateTimeOffset? expected)
    {
        await using var engine = await EngineHarness.CreateAsync(database, options: new WorkflowOptions { ReminderWorkingDays = setting });
        await PublishApprovalAsync(engine, city =>
        {
            if (stepDays is { } days)
            {
                city["remindBeforeWorkingDays"] = days;
            }
        });
        var id = await engine.StartAsync("test-approval");

        var reminder = (await engine.TimersAsync(id)).SingleOrDefault(t => t.Purpose == TimerPurpose.Reminder);

        Assert.Equal(expected?.UtcDateTime, reminder?.DueAt);
        Assert.Single(await engine.TimersAsync(id), t => t.Purpose == TimerPurpose.Overdue);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task FireTimer_Reminder_JournalsAndNotifiesTheAssigneeWithoutMovingTheCase(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);

        engine.Clock.SetUtcNow(TwoWorkingDaysBefore);
        Assert.Equal(1, await engine.Runtime.FireDueTimersAsync());

        Assert.Equal(HumanTaskStatus.Open, (await engine.TaskAsync(task.Id)).Status);
        Assert.Equal(InstanceStatus.Suspended, (await engine.InstanceAsync(id)).Status);
        var reminded = Assert.Single(await engine.JournalAsync(id), j => j.Kind == "task-reminded");
        Assert.Equal(task.Id.ToString(), JsonNode.Parse(reminded.Data)!["taskId"]!.GetValue<string>());
        var notice = Assert.Single(await engine.OutboxAsync(id), m => m.Kind == "reminder");
        Assert.Equal((task.Id, (string?)null, TestOrganizations.City, "city_reviewer"),
            (notice.TaskId!.Value, notice.RecipientUserId, notice.RecipientOrgId, notice.RecipientRole));
        Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task FireTimer_Overdue_MarksTheTaskAndEscalatesToTheAssigneesSupervisor(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);
        var overdue = Assert.Single(await engine.TimersAsync(id), t => t.Purpose == TimerPurpose.Overdue);

        engine.Clock.SetUtcNow(Due.AddMinutes(1));
        var result = await engine.Runtime.FireTimerAsync(overdue.Id);

        Assert.Equal((RunStatus.Ok, InstanceStatus.Suspended), (result.Status, result.InstanceStatus));
        var after = await engine.TaskAsync(task.Id);
        Assert.Equal((HumanTaskStatus.Open, Due.AddMinutes(1).UtcDateTime, TestOrganizations.Province),
            (after.Status, after.OverdueAt, after.EscalatedToOrgId));
        var entry = Assert.Single(await engine.JournalAsync(id), j => j.Kind == "task-overdue");
        Assert.Equal(TestOrganizations.Province, JsonNode.Parse(entry.Data)!["escalatedTo"]!.GetValue<string>());
        var notices = await engine.OutboxAsync(id);
        Assert.Equal(TestOrganizations.City, Assert.Single(notices, m => m.Kind == "overdue").RecipientOrgId);
        var escalated = Assert.Single(notices, m => m.Kind == "escalated");
        Assert.Equal((TestOrganizations.Province, (string?)null, (string?)null), (escalated.RecipientOrgId, escalated.RecipientRole, escalated.RecipientUserId));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task FireTimer_OverdueAtTheTopOfTheTree_IsNotEscalated(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await PublishApprovalAsync(engine, city =>
            city["assignee"] = new JsonObject { ["role"] = "province_reviewer", ["org"] = TestOrganizations.Province });
        var id = await engine.StartAsync("test-approval");
        var overdue = Assert.Single(await engine.TimersAsync(id), t => t.Purpose == TimerPurpose.Overdue);

        engine.Clock.SetUtcNow(Due);
        await engine.Runtime.FireTimerAsync(overdue.Id);

        Assert.Null((await engine.SingleOpenTaskAsync(id)).EscalatedToOrgId);
        Assert.NotNull((await engine.SingleOpenTaskAsync(id)).OverdueAt);
        Assert.Single(await engine.OutboxAsync(id), m => m.Kind == "overdue");
        Assert.DoesNotContain(await engine.OutboxAsync(id), m => m.Kind == "escalated");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_WithPendingAlarms_CancelsThemInTheSameStep(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");

        await engine.DecideAsync(id, "approve");

        Assert.All(await engine.TimersAsync(id), t => Assert.Equal(TimerState.Cancelled, t.State));
        engine.Clock.SetUtcNow(Due);
        Assert.Equal(0, await engine.Runtime.FireDueTimersAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task FireTimer_AlarmOfATaskNoLongerOpen_IsANoOp(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var task = await engine.SingleOpenTaskAsync(id);
        var reminder = Assert.Single(await engine.TimersAsync(id), t => t.Purpose == TimerPurpose.Reminder);
        await using (var db = engine.Database.CreateContext())
        {
            // A task closed by a path that left its alarm behind, such as a row written before alarms were cancelled.
            await db.HumanTasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, HumanTaskStatus.Cancelled));
        }

        var journalBefore = (await engine.JournalAsync(id)).Count;
        engine.Clock.SetUtcNow(Due);
        var result = await engine.Runtime.FireTimerAsync(reminder.Id);

        Assert.Equal(RunStatus.Ok, result.Status);
        Assert.Equal(journalBefore, (await engine.JournalAsync(id)).Count);
        Assert.DoesNotContain(await engine.OutboxAsync(id), m => m.Kind == "reminder");
        Assert.Equal(TimerState.Fired, (await engine.TimersAsync(id)).Single(t => t.Id == reminder.Id).State);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task FireTimer_OverdueFiredConcurrently_RaisesTheAlarmOnce(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        var overdue = Assert.Single(await engine.TimersAsync(id), t => t.Purpose == TimerPurpose.Overdue);
        engine.Clock.SetUtcNow(Due);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => engine.Runtime.FireTimerAsync(overdue.Id))));
        var again = await engine.Runtime.FireTimerAsync(overdue.Id);

        Assert.Single(results, r => r.Status == RunStatus.Ok);
        Assert.Equal(RunStatus.Conflict, again.Status);
        Assert.Single(await engine.JournalAsync(id), j => j.Kind == "task-overdue");
        Assert.Single(await engine.OutboxAsync(id), m => m.Kind == "overdue");
        Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);
    }

    [Theory]
    [InlineData("Approval")]
    [InlineData("UserTask")]
    [InlineData("Countersign")]
    public void Descriptor_HumanActivity_DeclaresTheReminderInput(string kind)
    {
        var input = ActivityRegistry.Default.Find(kind)!.Descriptor.FindInput("remindBeforeWorkingDays");

        Assert.Equal(("到期前提醒（工作日）", InputType.Number), (input?.DisplayName, input?.Type));
    }

    /// <summary>approval.json with the city step's inputs changed: five working days to decide, and whatever the test sets.</summary>
    private static async Task PublishApprovalAsync(EngineHarness engine, Action<JsonObject> change)
    {
        var definition = await DefinitionJson.LoadAsync(Path.Combine(AppContext.BaseDirectory, "Definitions", "approval.json"));
        var city = definition.Node("city");
        var inputs = (JsonObject)city.Inputs.DeepClone();
        change(inputs);
        await engine.PublishAsync(definition with { Nodes = [.. definition.Nodes.Select(n => n.Id == "city" ? city with { Inputs = inputs } : n)] });
    }
}
