// Moving a whole-process scenario through time: the fake clock is set forward, every timer due by then fires (as
// Hangfire or the sweep would) and the notices they wrote are delivered; then what reminders and escalations left
// behind can be read through the API like a person would.
using Approvals.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Host.Tests;

internal static class ScenarioClock
{
    public static async Task AdvanceToAsync(this HostFactory factory, DateTimeOffset instant)
    {
        var clock = factory.Clock ?? throw new InvalidOperationException("该测试主机没有使用模拟时钟。");
        if (instant > clock.GetUtcNow())
        {
            clock.SetUtcNow(instant);
        }

        await factory.Services.GetRequiredService<WorkflowRuntime>().FireDueTimersAsync();
        await factory.DispatchAsync();
    }

    /// <summary>A fake clock at 09:00 Beijing time on the given day.</summary>
    public static FakeTimeProvider At(int year, int month, int day) =>
        new(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.FromHours(8)));

    /// <summary>
    /// The step of the case was reminded to its handler before its deadline and, once overdue, escalated: it is in the
    /// supervisor's 超时 list and the supervisor was told.
    /// </summary>
    public static async Task AssertRemindedAndEscalatedAsync(HttpClient handler, HttpClient supervisor, string caseId)
    {
        var told = (await NoticeSteps.MyNotificationsAsync(handler))
            .Where(n => n!["caseId"]?.GetValue<string>() == caseId).Select(n => n!["kind"]!.GetValue<string>()).ToArray();
        Assert.Contains("reminder", told);
        Assert.Contains("overdue", told);
        Assert.Contains(await ApiSteps.ListAsync(supervisor, "overdue", "&pageSize=100"), row => row!["caseId"]!.GetValue<string>() == caseId);
        Assert.Contains(await NoticeSteps.MyNotificationsAsync(supervisor),
            n => n!["caseId"]?.GetValue<string>() == caseId && n["kind"]!.GetValue<string>() == "escalated");
    }
}
