using System.Net.Http.Json;
using Approvals.Host.Features.Timers;
using Approvals.Workflows.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>The database is the truth: timers pending when the host stops fire once after it starts again.</summary>
public sealed class TimerRestartTests : IDisposable
{
    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    // Monday 2 March 2026, 09:00 in Beijing.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public async Task ReminderAndDeadline_PendingAcrossARestart_EachFiresExactlyOnceAndTheDeadlineEscalates()
    {
        string caseId;
        await using (var before = new HostFactory(databaseFile) { Clock = clock })
        {
            using var school = await before.SignInAsync("school");
            caseId = await StartFilingAsync(school);
            var timers = await before.QueryEngineAsync(db => db.Timers.Where(t => t.InstanceId == Id(caseId)).ToListAsync());
            Assert.Equal([TimerPurpose.Reminder, TimerPurpose.Overdue], timers.Select(t => t.Purpose).Order());
            Assert.All(timers, t => Assert.Equal(TimerState.Pending, t.State));
        }

        await using var after = new HostFactory(databaseFile) { Clock = clock };
        using (var early = await after.SignInAsync("hohhot"))
        {
            Assert.Empty(await ListAsync(early, "overdue"));
        }

        // The sign-in cookie lives on the same clock, so sign in again after the month has passed.
        clock.Advance(TimeSpan.FromDays(30));
        using var city = await after.SignInAsync("hohhot");
        using var province = await after.SignInAsync("province");
        var jobs = after.Services.GetRequiredService<IRecurringJobManager>();
        jobs.Trigger(TimerSweep.JobId);
        await WaitUntilAsync(after, db => db.Timers.CountAsync(t => t.InstanceId == Id(caseId) && t.State == TimerState.Fired), 2);
        jobs.Trigger(TimerSweep.JobId);
        await WaitForIdleAsync(after);

        var journal = await after.QueryEngineAsync(db => db.Journal.Where(j => j.InstanceId == Id(caseId)).Select(j => j.Kind).ToListAsync());
        Assert.Single(journal, k => k == "task-reminded");
        Assert.Single(journal, k => k == "task-overdue");
        var task = await after.QueryEngineAsync(db => db.HumanTasks.SingleAsync(t => t.InstanceId == Id(caseId)));
        Assert.Equal("150000", task.EscalatedToOrgId);
        Assert.Contains(await ListAsync(city, "overdue"), row => row!["caseId"]!.GetValue<string>() == caseId);
        var escalated = await ListAsync(province, "overdue");
        Assert.True(escalated.Single(row => row!["caseId"]!.GetValue<string>() == caseId)!["overdue"]!.GetValue<bool>());
        var outbox = await after.QueryEngineAsync(db => db.Outbox.Where(o => o.InstanceId == Id(caseId)).Select(o => o.Kind).ToListAsync());
        Assert.Contains("reminder", outbox);
        Assert.Contains("overdue", outbox);
        Assert.Contains("escalated", outbox);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    private static InstanceId Id(string caseId) => new(Guid.Parse(caseId));

    private static async Task WaitUntilAsync(HostFactory factory, Func<WorkflowDbContext, Task<int>> count, int expected)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await factory.QueryEngineAsync(count) >= expected)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("the timers did not fire within 30 s");
    }

    /// <summary>Until Hangfire has no job enqueued or processing, so a second firing would have happened by now.</summary>
    private static async Task WaitForIdleAsync(HostFactory factory)
    {
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (monitoring.EnqueuedCount("default") == 0 && monitoring.ProcessingCount() == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("Hangfire did not become idle within 30 s");
    }
}
