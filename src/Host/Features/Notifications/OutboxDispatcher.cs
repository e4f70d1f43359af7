// Delivers the engine's outbox: each unprocessed wf_outbox row becomes one in-app notification per recipient
// (and a queued e-mail when SMTP is on), then the row is marked processed. Writing is idempotent per row and
// recipient (SourceKey "outbox:{id}", unique per user), so a row dispatched twice, by a retry or by two nodes at
// once, notifies each person once.
using System.Text.Json;
using Approvals.Host.Persistence;
using Approvals.Workflows.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Approvals.Host.Features.Notifications;

/// <summary>Rows processed in one dispatch: delivered (with the notifications written), failed for now, and given up.</summary>
public sealed record DispatchRun(int Delivered, int Notifications, int Failed, int GaveUp);

public sealed partial class OutboxDispatcher(
    WorkflowDatabase database,
    ApprovalsDb db,
    NoticeRecipients recipients,
    OutboxNotices notices,
    IOptions<SmtpSettings> smtp,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    public const string JobId = "outbox-dispatch";
    public const int BatchSize = 200;

    /// <summary>A row that fails this often is marked processed with its error, so it stops being retried.</summary>
    public const int MaxAttempts = 5;

    public static string SourceKey(long outboxId) => $"outbox:{outboxId}";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var run = await DispatchAsync(cancellationToken);
        if (run.Delivered + run.Failed + run.GaveUp > 0)
        {
            LogRun(logger, run.Delivered, run.Notifications, run.Failed, run.GaveUp);
        }
    }

    /// <summary>
    /// Every row unprocessed when the run starts, in id order and batches, each tried once: a failing row is retried
    /// by the next run and never holds up the rows after it.
    /// </summary>
    public async Task<DispatchRun> DispatchAsync(CancellationToken cancellationToken)
    {
        var total = new DispatchRun(0, 0, 0, 0);
        var after = 0L;
        while (true)
        {
            await using var engine = database.CreateContext();
            var batch = await engine.Outbox
                .Where(m => m.ProcessedAt == null && m.Id > after)
                .OrderBy(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return total;
            }

            var run = await DispatchBatchAsync(engine, batch, cancellationToken);
            using (await database.EnterWriteAsync(cancellationToken))
            {
                await engine.SaveChangesAsync(cancellationToken);
            }

            total = new DispatchRun(
                total.Delivered + run.Delivered, total.Notifications + run.Notifications, total.Failed + run.Failed, total.GaveUp + run.GaveUp);
            if (batch.Count < BatchSize)
            {
                return total;
            }

            after = batch[^1].Id;
        }
    }

    private async Task<DispatchRun> DispatchBatchAsync(WorkflowDbContext engine, List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var caseIds = batch.Select(m => m.InstanceId).Distinct().ToArray();
        var caseTitles = await engine.Instances.AsNoTracking().Where(i => caseIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.Title, cancellationToken);
        var taskIds = batch.Where(m => m.TaskId is not null).Select(m => m.TaskId!.Value).Distinct().ToArray();
        var taskTitles = await engine.HumanTasks.AsNoTracking().Where(t => taskIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Title, cancellationToken);

        int delivered = 0, written = 0, failed = 0, gaveUp = 0;
        foreach (var row in batch)
        {
            try
            {
                var caseTitle = caseTitles.GetValueOrDefault(row.InstanceId) ?? throw new InvalidDataException($"案件 {row.InstanceId} 不存在。");
                var taskTitle = row.TaskId is { } taskId ? taskTitles.GetValueOrDefault(taskId) : null;
                var notice = await notices.DescribeAsync(row, caseTitle, taskTitle, cancellationToken);
                var people = await recipients.ResolveAsync(row, cancellationToken);
                written += await WriteAsync(row, notice, people, cancellationToken);
                row.ProcessedAt = clock.GetUtcNow().UtcDateTime;
                row.LastError = people.Count == 0 ? "没有找到收件人，未发出通知。" : null;
                if (people.Count == 0)
                {
                    LogNobody(logger, row.Id, row.Kind, row.RecipientUserId ?? row.RecipientOrgId ?? "");
                }

                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                db.ChangeTracker.Clear();
                row.Attempts++;
                row.LastError = Describe(ex);
                if (row.Attempts >= MaxAttempts)
                {
                    row.ProcessedAt = clock.GetUtcNow().UtcDateTime;
                    LogGaveUp(logger, ex, row.Id, row.Kind, row.Attempts);
                    gaveUp++;
                }
                else
                {
                    LogFailed(logger, ex, row.Id, row.Kind, row.Attempts);
                    failed++;
                }
            }
        }

        return new DispatchRun(delivered, written, failed, gaveUp);
    }

    /// <summary>One transaction per row: its notifications and their e-mails, only for recipients not yet notified of it.</summary>
    private async Task<int> WriteAsync(OutboxMessage row, Notice notice, IReadOnlyList<NoticeRecipient> people, CancellationToken cancellationToken)
    {
        var key = SourceKey(row.Id);
        var ids = people.Select(p => p.UserId).ToArray();
        for (var attempt = 1; ; attempt++)
        {
            var already = await db.Notifications.Where(n => ids.Contains(n.UserId) && n.SourceKey == key)
                .Select(n => n.UserId).ToListAsync(cancellationToken);
            var missing = people.Where(p => !already.Contains(p.UserId)).ToList();
            if (missing.Count == 0)
            {
                return 0;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var person in missing)
            {
                db.Notifications.Add(new Notification
                {
                    UserId = person.UserId, Kind = row.Kind, Title = notice.Title, Body = notice.Body,
                    CaseId = row.InstanceId, TaskId = row.TaskId, SourceKey = key, CreatedAt = row.CreatedAt,
                });
                if (smtp.Value.Enabled && person.Email is { Length: > 0 and <= 200 } email)
                {
                    db.Mails.Add(new MailMessage
                    {
                        To = email, Subject = notice.Title, Body = $"{notice.Body}\n\n此邮件由技工院校审批系统自动发送，请勿直接回复。",
                        CreatedAt = now, NextAttemptAt = now,
                    });
                }
            }

            try
            {
                // The host's tables share the SQLite file with the engine's, so this write takes its turn too.
                using (await database.EnterWriteAsync(cancellationToken))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                return missing.Count;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // Another node wrote this row's notifications between the look and the insert; the unique index
                // refused ours, the whole transaction (mails too) rolled back. Look again and write what is missing.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static string Describe(Exception ex)
    {
        var text = ex switch
        {
            JsonException => $"通知数据不是有效的 JSON：{ex.Message}",
            InvalidDataException => ex.Message,
            FormatException => $"通知数据中的时间格式不正确：{ex.Message}",
            _ => $"{ex.GetType().Name}：{ex.Message}",
        };
        return text.Length <= 1000 ? text : text[..1000];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "通知分发：送达 {Delivered} 条（写入通知 {Notifications} 条），失败待重试 {Failed} 条，放弃 {GaveUp} 条")]
    private static partial void LogRun(ILogger logger, int delivered, int notifications, int failed, int gaveUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "通知 {OutboxId}（{Kind}）没有找到收件人 {Recipient}")]
    private static partial void LogNobody(ILogger logger, long outboxId, string kind, string recipient);

    [LoggerMessage(Level = LogLevel.Warning, Message = "通知 {OutboxId}（{Kind}）第 {Attempts} 次分发失败，稍后重试")]
    private static partial void LogFailed(ILogger logger, Exception exception, long outboxId, string kind, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "通知 {OutboxId}（{Kind}）已分发失败 {Attempts} 次，不再重试，已标记为已处理")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, long outboxId, string kind, int attempts);
}
