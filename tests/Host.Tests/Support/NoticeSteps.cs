// The steps the notification tests repeat: put a notice in the engine's outbox, dispatch it, send mail, look up users.
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Features.Notifications;
using Approvals.Host.Persistence;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests;

internal static class NoticeSteps
{
    public static InstanceId CaseId(string caseId) => new(Guid.Parse(caseId));

    /// <summary>
    /// The task-assigned notice of the case's open task, as the engine writes it in the step that creates the task:
    /// the engine's row when this build's engine wrote one, else the same row written here.
    /// </summary>
    public static async Task<OutboxMessage> TaskAssignedNoticeAsync(this HostFactory factory, string caseId)
    {
        await using var db = factory.Services.GetRequiredService<WorkflowDatabase>().CreateContext();
        var id = CaseId(caseId);
        var task = await db.HumanTasks.AsNoTracking().SingleAsync(t => t.InstanceId == id && t.Status == HumanTaskStatus.Open);
        if (await db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.TaskId == task.Id && m.Kind == "task-assigned") is { } written)
        {
            return written;
        }

        var row = new OutboxMessage
        {
            InstanceId = id, TaskId = task.Id, Kind = "task-assigned",
            RecipientUserId = task.AssigneeUserId, RecipientOrgId = task.AssigneeOrgId, RecipientRole = task.AssigneeRole,
            Data = new JsonObject
            {
                ["title"] = task.Title,
                ["taskKind"] = task.Kind,
                ["dueAt"] = task.DueAt is { } due
                    ? new DateTimeOffset(due, TimeSpan.Zero).ToOffset(WorkingDayCalendar.ChinaOffset).ToString("O", CultureInfo.InvariantCulture)
                    : null,
            }.ToJsonString(),
            CreatedAt = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        db.Outbox.Add(row);
        await db.SaveChangesAsync();
        return row;
    }

    /// <summary>A notice row written straight into the engine's outbox, as the engine would.</summary>
    public static async Task<OutboxMessage> AddNoticeAsync(this HostFactory factory, OutboxMessage row)
    {
        await using var db = factory.Services.GetRequiredService<WorkflowDatabase>().CreateContext();
        row.CreatedAt = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        db.Outbox.Add(row);
        await db.SaveChangesAsync();
        return row;
    }

    public static async Task<OutboxMessage> OutboxRowAsync(this HostFactory factory, long id) =>
        await factory.QueryEngineAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));

    public static async Task<DispatchRun> DispatchAsync(this HostFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
    }

    public static async Task<MailRun> SendMailAsync(this HostFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailSender>().SendDueAsync(CancellationToken.None);
    }

    public static async Task<T> QueryHostAsync<T>(this HostFactory factory, Func<ApprovalsDb, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApprovalsDb>());
    }

    public static Task<string> UserIdAsync(this HostFactory factory, string userName) =>
        factory.QueryHostAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public static Task<List<Notification>> NotificationsOfAsync(this HostFactory factory, long outboxId)
    {
        var key = OutboxDispatcher.SourceKey(outboxId);
        return factory.QueryHostAsync(db => db.Notifications.AsNoTracking().Where(n => n.SourceKey == key).OrderBy(n => n.Id).ToListAsync());
    }

    public static Task<string> CaseTitleAsync(this HostFactory factory, string caseId)
    {
        var id = CaseId(caseId);
        return factory.QueryEngineAsync(db => db.Instances.Where(i => i.Id == id).Select(i => i.Title).SingleAsync());
    }

    /// <summary>The caller's notifications through the API (first page of 100).</summary>
    public static async Task<JsonArray> MyNotificationsAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/notifications?pageSize=100{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
    }

    public static async Task<int> UnreadCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/notifications/unread-count"))!["count"]!.GetValue<int>();
}
