using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Notifications;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Startup;
using Approvals.Workflows.Persistence;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Approvals.Host.Tests.ApiSteps;
using static Approvals.Host.Tests.NoticeSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>The engine's notices become in-app notifications for the right people, once; each person reads only their own.</summary>
public sealed class NotificationsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private HostFactory Factory => host.Factory;

    [Fact]
    public async Task Dispatch_NewCaseOfASchool_CityReviewerIsToldAndTheSchoolIsNot()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school, "新能源汽车检测与维修");
        var notice = await Factory.TaskAssignedNoticeAsync(caseId);
        var taskId = await TodoTaskAsync(city, caseId);

        await Factory.DispatchAsync();

        var told = Assert.Single(await MyNotificationsAsync(city), n => n!["taskId"]?.GetValue<string>() == taskId)!;
        Assert.Equal("task-assigned", told["kind"]!.GetValue<string>());
        Assert.Equal($"新待办：{await Factory.CaseTitleAsync(caseId)}", told["title"]!.GetValue<string>());
        Assert.Contains(JsonNode.Parse(notice.Data)!["title"]!.GetValue<string>(), told["body"]!.GetValue<string>());
        Assert.Equal(caseId, told["caseId"]!.GetValue<string>());
        Assert.Null(told["readAt"]);
        Assert.True(await UnreadCountAsync(city) >= 1);
        Assert.DoesNotContain(await MyNotificationsAsync(school), n => n!["caseId"]?.GetValue<string>() == caseId);
        Assert.NotNull((await Factory.OutboxRowAsync(notice.Id)).ProcessedAt);
    }

    [Fact]
    public async Task Dispatch_Twice_WritesEachNotificationOnce()
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartFilingAsync(school);
        var notice = await Factory.TaskAssignedNoticeAsync(caseId);

        await Factory.DispatchAsync();
        await Factory.DispatchAsync();
        // As if a node died after writing the notifications but before marking the row: it is dispatched again.
        await Factory.QueryEngineAsync(db => db.Outbox.Where(m => m.Id == notice.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, (DateTime?)null)));
        var again = await Factory.DispatchAsync();

        var written = Assert.Single(await Factory.NotificationsOfAsync(notice.Id));
        Assert.Equal(await Factory.UserIdAsync("hohhot"), written.UserId);
        Assert.Equal(0, again.Notifications);
        var row = await Factory.OutboxRowAsync(notice.Id);
        Assert.NotNull(row.ProcessedAt);
        Assert.Equal(0, row.Attempts);
        // No SMTP server is configured for this host, so no mail is queued.
        Assert.Equal(0, await Factory.QueryHostAsync(db => db.Mails.CountAsync()));
    }

    [Fact]
    public async Task Dispatch_TwoNodesAtOnce_NotifyEachRecipientOnce()
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartFilingAsync(school);
        var notice = await Factory.AddNoticeAsync(new OutboxMessage
        {
            InstanceId = CaseId(caseId), Kind = "case-finished", RecipientOrgId = InnerMongolia.ProvinceId, RecipientRole = Roles.ProvinceReviewer,
            Data = """{"output":{"result":"filed"}}""",
        });

        await Task.WhenAll(Task.Run(Factory.DispatchAsync), Task.Run(Factory.DispatchAsync), Task.Run(Factory.DispatchAsync));

        var written = Assert.Single(await Factory.NotificationsOfAsync(notice.Id));
        Assert.Equal(await Factory.UserIdAsync("province"), written.UserId);
        var row = await Factory.OutboxRowAsync(notice.Id);
        Assert.NotNull(row.ProcessedAt);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task Dispatch_Escalated_GoesToEverySupervisorOfThatOrganisationOnly()
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartFilingAsync(school);
        var colleague = await AddUserAsync("province-expert", InnerMongolia.ProvinceId, Roles.Expert);
        var schoolOrg = InnerMongolia.SchoolId("150100", 1);
        var notice = await Factory.AddNoticeAsync(new OutboxMessage
        {
            InstanceId = CaseId(caseId), Kind = "escalated", RecipientOrgId = InnerMongolia.ProvinceId,
            Data = new JsonObject { ["title"] = "专业增设备案 · 盟市审核", ["dueAt"] = "2026-12-01T09:00:00Z", ["assigneeOrgId"] = schoolOrg }.ToJsonString(),
        });

        await Factory.DispatchAsync();

        var written = await Factory.NotificationsOfAsync(notice.Id);
        var supervisors = new[] { await Factory.UserIdAsync("admin"), await Factory.UserIdAsync("province") }.Order().ToList();
        Assert.Equal(supervisors, written.Select(n => n.UserId).Order().ToList());
        Assert.DoesNotContain(colleague, written.Select(n => n.UserId));
        var schoolName = await Factory.QueryHostAsync(db => db.Organizations.Where(o => o.Id == schoolOrg).Select(o => o.Name).SingleAsync());
        var caseTitle = await Factory.CaseTitleAsync(caseId);
        Assert.All(written, n =>
        {
            Assert.Equal($"下级超时未办：{caseTitle}", n.Title);
            Assert.StartsWith($"{schoolName}的“专业增设备案 · 盟市审核”已超过办理期限", n.Body);
            Assert.Contains("2026-12-01 17:00（北京时间）", n.Body);
        });
    }

    [Theory]
    [InlineData("task-assigned", """{"title":"专业增设备案 · 盟市审核","taskKind":"approval","dueAt":null}""", "新待办：{0}", "请办理：专业增设备案 · 盟市审核。")]
    [InlineData("task-assigned", """{"title":"专业增设备案 · 修改后重新提交","taskKind":"resubmit","dueAt":"2026-12-04T17:30:00+08:00"}""", "退回修改：{0}", "办理期限：2026-12-04 17:30（北京时间）")]
    [InlineData("reminder", """{"title":"专业增设备案 · 盟市审核","dueAt":"2026-12-01T09:00:00Z"}""", "即将到期：{0}（截止 2026-12-01 17:00，北京时间）", "即将到期，请尽快办理")]
    [InlineData("overdue", """{"title":"专业增设备案 · 盟市审核","dueAt":"2026-12-01T17:00:00+08:00"}""", "已超时：{0}", "已超过办理期限")]
    [InlineData("urged", """{"message":"请于今天下班前办理","by":"@hohhot"}""", "催办：{0}", "呼和浩特市人社局审核员催您办理")]
    [InlineData("case-finished", """{"output":{"result":"filed"}}""", "已办结：{0}", "已办结，请登录系统查看办理结果")]
    [InlineData("case-cancelled", """{"reason":"重复申报"}""", "已撤销：{0}", "理由：重复申报")]
    public async Task Dispatch_EachKind_TellsItInChineseWithTheCaseTitle(string kind, string data, string title, string bodyPart)
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartFilingAsync(school);
        var hohhot = await Factory.UserIdAsync("hohhot");
        var notice = await Factory.AddNoticeAsync(new OutboxMessage
        {
            InstanceId = CaseId(caseId), Kind = kind, RecipientUserId = await Factory.UserIdAsync("school"),
            Data = data.Replace("@hohhot", hohhot, StringComparison.Ordinal),
        });

        await Factory.DispatchAsync();

        var told = Assert.Single(await Factory.NotificationsOfAsync(notice.Id));
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, title, await Factory.CaseTitleAsync(caseId)), told.Title);
        Assert.Contains(bodyPart, told.Body);
        Assert.Equal(kind, told.Kind);
    }

    [Fact]
    public async Task Dispatch_RowWithBadData_IsRetriedThenGivenUpWithItsErrorWithoutHoldingUpTheNext()
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartFilingAsync(school);
        var schoolUser = await Factory.UserIdAsync("school");
        var bad = await Factory.AddNoticeAsync(new OutboxMessage
        {
            InstanceId = CaseId(caseId), Kind = "case-cancelled", RecipientUserId = schoolUser, Data = "{\"reason\": 重复",
        });
        var next = await Factory.AddNoticeAsync(new OutboxMessage
        {
            InstanceId = CaseId(caseId), Kind = "case-cancelled", RecipientUserId = schoolUser, Data = """{"reason":"重复申报"}""",
        });

        await Factory.DispatchAsync();

        // A dispatch queued after the command (once the engine writes its own notices) may also have tried it.
        var failed = await Factory.OutboxRowAsync(bad.Id);
        Assert.InRange(failed.Attempts, 1, OutboxDispatcher.MaxAttempts - 1);
        Assert.Null(failed.ProcessedAt);
        Assert.Contains("不是有效的 JSON", failed.LastError);
        Assert.Single(await Factory.NotificationsOfAsync(next.Id));
        Assert.NotNull((await Factory.OutboxRowAsync(next.Id)).ProcessedAt);

        for (var run = 1; run < OutboxDispatcher.MaxAttempts && (await Factory.OutboxRowAsync(bad.Id)).ProcessedAt is null; run++)
        {
            await Factory.DispatchAsync();
        }

        var givenUp = await Factory.OutboxRowAsync(bad.Id);
        Assert.Equal(OutboxDispatcher.MaxAttempts, givenUp.Attempts);
        Assert.NotNull(givenUp.ProcessedAt);
        Assert.Contains("不是有效的 JSON", givenUp.LastError);
        Assert.Empty(await Factory.NotificationsOfAsync(bad.Id));
        await Factory.DispatchAsync();
        Assert.Equal(OutboxDispatcher.MaxAttempts, (await Factory.OutboxRowAsync(bad.Id)).Attempts);
    }

    [Fact]
    public async Task Command_WhileANoticeWaits_DispatchesItWithoutWaitingForTheMinute()
    {
        var jobs = Factory.Services.GetRequiredService<IRecurringJobManager>();
        // Without the minute's run, only the dispatch queued after the command can deliver the notice.
        jobs.RemoveIfExists(OutboxDispatcher.JobId);
        try
        {
            using var school = await host.SignInAsync("school");
            var caseId = await StartFilingAsync(school);
            var notice = await Factory.AddNoticeAsync(new OutboxMessage
            {
                InstanceId = CaseId(caseId), Kind = "case-finished", RecipientUserId = await Factory.UserIdAsync("school"), Data = "{}",
            });

            var commented = await school.PostAsJsonAsync($"/api/cases/{caseId}/comments", new { text = "已补充材料" });

            Assert.Equal(HttpStatusCode.OK, commented.StatusCode);
            for (var wait = 0; wait < 100 && (await Factory.OutboxRowAsync(notice.Id)).ProcessedAt is null; wait++)
            {
                await Task.Delay(100);
            }

            Assert.Single(await Factory.NotificationsOfAsync(notice.Id));
        }
        finally
        {
            jobs.ScheduleNotificationJobs(Factory.Services.GetRequiredService<IOptions<SmtpSettings>>().Value);
        }
    }

    [Fact]
    public async Task MarkRead_AnotherUsersNotification_Is404AndLeavesItUnread()
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartFilingAsync(school);
        var notice = await Factory.TaskAssignedNoticeAsync(caseId);
        await Factory.DispatchAsync();
        var id = Assert.Single(await Factory.NotificationsOfAsync(notice.Id)).Id;

        var response = await school.PostAsync($"/api/notifications/{id}/read", null);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Null(Assert.Single(await Factory.NotificationsOfAsync(notice.Id)).ReadAt);
        Assert.DoesNotContain(await MyNotificationsAsync(school), n => n!["id"]!.GetValue<long>() == id);
    }

    [Fact]
    public async Task MarkRead_OwnNotification_LeavesTheUnreadListAndCount()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school);
        var notice = await Factory.TaskAssignedNoticeAsync(caseId);
        await Factory.DispatchAsync();
        var id = Assert.Single(await Factory.NotificationsOfAsync(notice.Id)).Id;
        var unread = await UnreadCountAsync(city);

        var response = await city.PostAsync($"/api/notifications/{id}/read", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(unread - 1, await UnreadCountAsync(city));
        Assert.DoesNotContain(await MyNotificationsAsync(city, "&unread=true"), n => n!["id"]!.GetValue<long>() == id);
        Assert.NotNull(Assert.Single(await MyNotificationsAsync(city), n => n!["id"]!.GetValue<long>() == id)!["readAt"]);
    }

    [Fact]
    public async Task ReadAll_MarksOnlyTheCallersOwn()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school);
        await Factory.TaskAssignedNoticeAsync(caseId);
        await Factory.AddNoticeAsync(new OutboxMessage
        {
            InstanceId = CaseId(caseId), Kind = "case-cancelled", RecipientUserId = await Factory.UserIdAsync("school"), Data = "{}",
        });
        await Factory.DispatchAsync();
        var schoolUnread = await UnreadCountAsync(school);

        var response = await city.PostAsync("/api/notifications/read-all", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await ReadAsync(response))["marked"]!.GetValue<int>() >= 1);
        Assert.Equal(0, await UnreadCountAsync(city));
        Assert.Empty(await MyNotificationsAsync(city, "&unread=true"));
        Assert.True(schoolUnread >= 1);
        Assert.Equal(schoolUnread, await UnreadCountAsync(school));
    }

    [Fact]
    public async Task List_NewestFirstAndPaged()
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartFilingAsync(school);
        var schoolUser = await Factory.UserIdAsync("school");
        foreach (var reason in new[] { "第一", "第二", "第三" })
        {
            await Factory.AddNoticeAsync(new OutboxMessage
            {
                InstanceId = CaseId(caseId), Kind = "case-cancelled", RecipientUserId = schoolUser, Data = new JsonObject { ["reason"] = reason }.ToJsonString(),
            });
        }

        await Factory.DispatchAsync();

        var page = await ReadAsync(await school.GetAsync("/api/notifications?page=1&pageSize=2"));
        Assert.Equal(2, page["pageSize"]!.GetValue<int>());
        var items = page["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.True(page["total"]!.GetValue<int>() >= 3);
        Assert.EndsWith("理由：第三", items[0]!["body"]!.GetValue<string>());
        Assert.EndsWith("理由：第二", items[1]!["body"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?unread=perhaps", "unread")]
    public async Task List_BadPaging_Is400NamingTheParameter(string query, string field)
    {
        using var school = await host.SignInAsync("school");

        var response = await school.GetAsync($"/api/notifications{query}");

        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!;
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(errors[field]);
    }

    [Fact]
    public async Task List_Anonymous_Is401()
    {
        using var client = Factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/notifications")).StatusCode);
    }

    private async Task<string> AddUserAsync(string userName, string orgId, string role)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = userName, DisplayName = userName, OrgId = orgId, Email = $"{userName}@demo.invalid" };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }
}

/// <summary>E-mail to a real SMTP peer on the loopback: a mail server that is down delays mail, never the case.</summary>
public sealed class MailDeliveryTests : IAsyncLifetime
{
    private readonly string databaseFile = HostFactory.NewDatabaseFile();
    private readonly int port = SmtpSink.FreePort();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
    private HostFactory Factory { get; set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new HostFactory(databaseFile)
        {
            Clock = clock,
            Settings = new Dictionary<string, string?>
            {
                ["Approvals:Smtp:Host"] = "127.0.0.1",
                ["Approvals:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Approvals:Smtp:From"] = "技工院校审批系统 <noreply@approvals.test>",
            },
        };
        Factory.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    [Fact]
    public async Task SendDue_ServerDownThenUp_RetriesLaterAndDeliversTheChineseSubject()
    {
        using var school = await Factory.SignInAsync("school");
        using var city = await Factory.SignInAsync("hohhot");
        using var province = await Factory.SignInAsync("province");
        var caseId = await StartFilingAsync(school, "工业机器人技术应用");
        await Factory.TaskAssignedNoticeAsync(caseId);
        await Factory.DispatchAsync();
        var subject = $"新待办：{await Factory.CaseTitleAsync(caseId)}";
        var queued = Assert.Single(await MailsToAsync("hohhot@demo.invalid"));
        Assert.Equal(subject, queued.Subject);

        await Factory.SendMailAsync();

        var failed = await MailAsync(queued.Id);
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains($"无法连接邮件服务器 127.0.0.1:{port}", failed.LastError);
        Assert.Equal(clock.GetUtcNow().UtcDateTime + MailSender.Backoff(1), failed.NextAttemptAt);
        var approved = await city.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(city, caseId)}/approve", CityApproval("同意推荐"));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        await TodoTaskAsync(province, caseId);

        await using var sink = new SmtpSink(port);
        sink.Start();
        await Factory.SendMailAsync();
        Assert.Equal(1, (await MailAsync(queued.Id)).Attempts);
        clock.Advance(MailSender.Backoff(1));
        await Factory.SendMailAsync();

        using var received = await sink.ReceiveAsync(m => m.To.Mailboxes.Any(a => a.Address == "hohhot@demo.invalid"), TimeSpan.FromSeconds(30));
        Assert.Equal(subject, received.Subject);
        Assert.Equal("noreply@approvals.test", received.From.Mailboxes.Single().Address);
        Assert.Contains("请办理：", received.TextBody);
        var sent = await MailAsync(queued.Id);
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task Dispatch_Twice_QueuesOneMailPerRecipientWithAnAddress()
    {
        using var school = await Factory.SignInAsync("school");
        var caseId = await StartFilingAsync(school);
        var notice = await Factory.TaskAssignedNoticeAsync(caseId);

        await Factory.DispatchAsync();
        await Factory.QueryEngineAsync(db => db.Outbox.Where(m => m.Id == notice.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ProcessedAt, (DateTime?)null)));
        await Factory.DispatchAsync();

        var mail = Assert.Single(await MailsToAsync("hohhot@demo.invalid"));
        Assert.Equal($"新待办：{await Factory.CaseTitleAsync(caseId)}", mail.Subject);
        Assert.Equal((0, (DateTime?)null), (mail.Attempts, mail.SentAt));
    }

    [Fact]
    public async Task SendDue_OneRecipientRefused_FailsThatMailOnlyAndSendsTheNext()
    {
        var refused = await QueueMailAsync("nobody@refused.invalid", "退回修改：专业增设备案");
        var accepted = await QueueMailAsync("school@demo.invalid", "已办结：专业增设备案");
        await using var sink = new SmtpSink(port);
        sink.Start();

        await Factory.SendMailAsync();

        using var received = await sink.ReceiveAsync(_ => true, TimeSpan.FromSeconds(30));
        Assert.Equal("已办结：专业增设备案", received.Subject);
        Assert.NotNull((await MailAsync(accepted.Id)).SentAt);
        var failed = await MailAsync(refused.Id);
        Assert.Equal((1, (DateTime?)null), (failed.Attempts, failed.SentAt));
        Assert.Contains("邮件服务器拒收收件人（550）", failed.LastError);
        Assert.Equal(clock.GetUtcNow().UtcDateTime + MailSender.Backoff(1), failed.NextAttemptAt);
    }

    [Fact]
    public async Task SendDue_LastAllowedAttemptFails_GivesUpKeepingTheError()
    {
        var mail = await QueueMailAsync("hohhot@demo.invalid", "已超时：专业增设备案", attempts: MailSender.MaxAttempts - 1);

        await Factory.SendMailAsync();
        clock.Advance(TimeSpan.FromDays(2));
        await using var sink = new SmtpSink(port);
        sink.Start();
        var later = await Factory.SendMailAsync();

        var givenUp = await MailAsync(mail.Id);
        Assert.Equal((MailSender.MaxAttempts, (DateTime?)null), (givenUp.Attempts, givenUp.SentAt));
        Assert.Contains("无法连接邮件服务器", givenUp.LastError);
        Assert.Equal(new MailRun(0, 0), later);
    }

    private Task<MailMessage> QueueMailAsync(string to, string subject, int attempts = 0) => Factory.QueryHostAsync(async db =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mail = new MailMessage { To = to, Subject = subject, Body = "测试", CreatedAt = now, NextAttemptAt = now, Attempts = attempts };
        db.Mails.Add(mail);
        await db.SaveChangesAsync();
        return mail;
    });

    private Task<List<MailMessage>> MailsToAsync(string address) =>
        Factory.QueryHostAsync(db => db.Mails.AsNoTracking().Where(m => m.To == address).OrderBy(m => m.Id).ToListAsync());

    private Task<MailMessage> MailAsync(long id) =>
        Factory.QueryHostAsync(db => db.Mails.AsNoTracking().SingleAsync(m => m.Id == id));
}

public sealed class MailSenderTests
{
    [Fact]
    public void Backoff_DoublesFromAMinuteUpToFourHours()
    {
        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 64, 128, 240, 240],
            Enumerable.Range(1, MailSender.MaxAttempts).Select(n => MailSender.Backoff(n).TotalMinutes));
    }
}
