using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Activities;

public sealed class PublicNoticeTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    // Friday 27 September 2024: Sunday 29th is a make-up working day, 1–7 October are off, Saturday 12th is worked.
    private static readonly DateTimeOffset Friday = new(2024, 9, 27, 10, 0, 0, Beijing);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Notice_NoObjection_RunsItsWorkingDaysAcrossTheHolidayThenIsDone(string database)
    {
        await using var engine = await NoticeAsync(database);
        var id = await engine.StartAsync("test-public-notice");
        var due = new DateTimeOffset(2024, 10, 10, 10, 0, 0, Beijing);

        Assert.Equal(due.UtcDateTime, Assert.Single(await PendingTimersAsync(engine, id)).DueAt);
        engine.Clock.SetUtcNow(due.AddMinutes(-1));
        Assert.Equal(0, await engine.Runtime.FireDueTimersAsync());

        engine.Clock.SetUtcNow(due);
        Assert.Equal(1, await engine.Runtime.FireDueTimersAsync());
        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
        Assert.Equal("done", (await engine.VariablesAsync(id))["result"]!.GetValue<string>());
        var kinds = (await engine.JournalAsync(id)).Select(j => j.Kind).ToList();
        Assert.Contains("notice-started", kinds);
        Assert.Contains("notice-ended", kinds);
    }

    public static TheoryData<string, string, DateTimeOffset> AfterObjection()
    {
        var data = new TheoryData<string, string, DateTimeOffset>();
        foreach (var db in TestDatabases.Names)
        {
            // Paused on Monday 30 September at 15:00 with 3 working days owed; dismissed on Thursday 10 October at 11:00.
            data.Add(db, "resume", new DateTimeOffset(2024, 10, 14, 11, 0, 0, Beijing));
            data.Add(db, "restart", new DateTimeOffset(2024, 10, 16, 11, 0, 0, Beijing));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AfterObjection))]
    public async Task Objection_Dismissed_PausesTheNoticeThenRunsTheRemainingOrFullDays(string database, string afterObjection, DateTimeOffset due)
    {
        await using var engine = await NoticeAsync(database);
        var id = await engine.StartAsync("test-public-notice", variables: new JsonObject { ["afterObjection"] = afterObjection });

        engine.Clock.SetUtcNow(new DateTimeOffset(2024, 9, 30, 15, 0, 0, Beijing));
        var raised = await engine.Runtime.RaiseObjectionAsync(id, "citizen-1", "名单中的学校实训设备不足。");

        Assert.Equal(RunStatus.Ok, raised.Status);
        Assert.Empty(await PendingTimersAsync(engine, id));
        var task = await engine.SingleOpenTaskAsync(id);
        Assert.Equal(("objection", "province_reviewer", "nmg"), (task.Kind, task.AssigneeRole, task.AssigneeOrgId));
        Assert.Equal(3, Data(await engine.JournalAsync(id), "notice-paused")["remainingDays"]!.GetValue<int>());
        Assert.Equal("citizen-1", Data(await engine.JournalAsync(id), "objection-raised")["objector"]!.GetValue<string>());

        // The original end of the period passes while the objection is heard: nothing fires.
        engine.Clock.SetUtcNow(new DateTimeOffset(2024, 10, 10, 10, 0, 0, Beijing));
        Assert.Equal(0, await engine.Runtime.FireDueTimersAsync());
        engine.Clock.SetUtcNow(new DateTimeOffset(2024, 10, 10, 11, 0, 0, Beijing));

        Assert.Equal(RunStatus.Ok, (await engine.DecideAsync(id, "dismissed", "province-reviewer")).Status);

        Assert.Equal(due.UtcDateTime, Assert.Single(await PendingTimersAsync(engine, id)).DueAt);
        engine.Clock.SetUtcNow(due.AddMinutes(-1));
        Assert.Equal(0, await engine.Runtime.FireDueTimersAsync());
        engine.Clock.SetUtcNow(due);
        Assert.Equal(1, await engine.Runtime.FireDueTimersAsync());
        Assert.Equal("done", (await engine.VariablesAsync(id))["result"]!.GetValue<string>());
        Assert.Equal(afterObjection, Data(await engine.JournalAsync(id), "notice-resumed")["mode"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Objection_Upheld_EndsTheNoticeByItsOwnOutcome(string database)
    {
        await using var engine = await NoticeAsync(database);
        var id = await engine.StartAsync("test-public-notice");
        engine.Clock.Advance(TimeSpan.FromHours(1));
        await engine.Runtime.RaiseObjectionAsync(id, "citizen-1", "申报材料与实际不符。");

        Assert.Equal(RunStatus.Ok, (await engine.DecideAsync(id, "upheld", "province-reviewer")).Status);

        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
        Assert.Equal("upheld", (await engine.VariablesAsync(id))["result"]!.GetValue<string>());
        Assert.Empty(await PendingTimersAsync(engine, id));
        Assert.Contains(await engine.JournalAsync(id), j => j.Kind == "objection-upheld");
        Assert.Equal(RunStatus.Conflict, (await engine.Runtime.RaiseObjectionAsync(id, "citizen-2", "再提异议。")).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Objections_Two_TheNoticeRunsAgainOnlyWhenBothAreDismissed(string database)
    {
        await using var engine = await NoticeAsync(database);
        var id = await engine.StartAsync("test-public-notice");
        engine.Clock.SetUtcNow(new DateTimeOffset(2024, 9, 30, 15, 0, 0, Beijing));
        await engine.Runtime.RaiseObjectionAsync(id, "citizen-1", "第一条异议。");
        engine.Clock.SetUtcNow(new DateTimeOffset(2024, 10, 8, 10, 0, 0, Beijing));
        await engine.Runtime.RaiseObjectionAsync(id, "citizen-2", "第二条异议。");
        var tasks = await engine.OpenTasksAsync(id);
        Assert.Equal(2, tasks.Count);

        engine.Clock.SetUtcNow(new DateTimeOffset(2024, 10, 8, 11, 0, 0, Beijing));
        await engine.Runtime.CompleteTaskAsync(tasks[0].Id, new TaskDecision("dismissed", "province-reviewer"));
        Assert.Empty(await PendingTimersAsync(engine, id));
        Assert.Equal(InstanceStatus.Suspended, (await engine.InstanceAsync(id)).Status);

        engine.Clock.SetUtcNow(new DateTimeOffset(2024, 10, 9, 11, 0, 0, Beijing));
        await engine.Runtime.CompleteTaskAsync(tasks[1].Id, new TaskDecision("dismissed", "province-reviewer"));
        var due = new DateTimeOffset(2024, 10, 12, 11, 0, 0, Beijing);
        Assert.Equal(due.UtcDateTime, Assert.Single(await PendingTimersAsync(engine, id)).DueAt);

        engine.Clock.SetUtcNow(due);
        Assert.Equal(1, await engine.Runtime.FireDueTimersAsync());
        Assert.Equal("done", (await engine.VariablesAsync(id))["result"]!.GetValue<string>());
        var kinds = (await engine.JournalAsync(id)).Select(j => j.Kind).ToList();
        Assert.Equal(2, kinds.Count(k => k == "objection-raised"));
        Assert.Equal(2, kinds.Count(k => k == "objection-dismissed"));
        Assert.Single(kinds, k => k == "notice-paused");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task RaiseObjection_NoReasonOrNoNotice_IsRefused(string database)
    {
        await using var engine = await NoticeAsync(database);
        await engine.PublishAsync("timer.json");
        var notice = await engine.StartAsync("test-public-notice");
        var timer = await engine.StartAsync("test-timer");

        Assert.Equal(RunStatus.Invalid, (await engine.Runtime.RaiseObjectionAsync(notice, "citizen-1", " ")).Status);
        Assert.Equal(RunStatus.Conflict, (await engine.Runtime.RaiseObjectionAsync(timer, "citizen-1", "异议。")).Status);
        Assert.Equal(RunStatus.NotFound, (await engine.Runtime.RaiseObjectionAsync(new InstanceId(Guid.NewGuid()), "citizen-1", "异议。")).Status);
    }

    private static async Task<EngineHarness> NoticeAsync(string database)
    {
        var engine = await EngineHarness.CreateAsync(database, Friday);
        await engine.PublishAsync("public-notice.json");
        return engine;
    }

    private static async Task<List<WorkflowTimer>> PendingTimersAsync(EngineHarness engine, InstanceId id) =>
        [.. (await engine.TimersAsync(id)).Where(t => t.State == TimerState.Pending)];

    private static JsonNode Data(List<JournalEntry> journal, string kind) => JsonNode.Parse(Assert.Single(journal, j => j.Kind == kind).Data)!;
}
