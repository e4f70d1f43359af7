// The notifications module: SMTP settings checked at start-up, the dispatcher and mail sender as Hangfire jobs,
// and a dispatch queued right after each command that may have written engine notices.
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Approvals.Host.Features.Notifications;

internal static class NotificationSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpSettings>()
            .Bind(configuration.GetSection(SmtpSettings.Section))
            .Validate(s => !s.Enabled || MailboxAddress.TryParse(s.From ?? "", out _),
                "已配置邮件服务器（Approvals:Smtp:Host），但发件人 Approvals:Smtp:From 缺失或不是有效的邮件地址。")
            .Validate(s => s.Port is > 0 and <= 65535, "邮件服务器端口 Approvals:Smtp:Port 应在 1 到 65535 之间。")
            .ValidateOnStart();
        services.AddScoped<NoticeRecipients>();
        services.AddScoped<OutboxNotices>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<MailSender>();
        return services;
    }

    /// <summary>Both run every minute; mail only while SMTP is configured (a stored job from an earlier setting is removed).</summary>
    public static void ScheduleNotificationJobs(this IRecurringJobManager jobs, SmtpSettings smtp)
    {
        jobs.AddOrUpdate<OutboxDispatcher>(OutboxDispatcher.JobId, d => d.RunAsync(CancellationToken.None), Cron.Minutely);
        if (smtp.Enabled)
        {
            jobs.AddOrUpdate<MailSender>(MailSender.JobId, s => s.RunAsync(CancellationToken.None), Cron.Minutely);
        }
        else
        {
            jobs.RemoveIfExists(MailSender.JobId);
        }
    }
}

/// <summary>
/// After a command succeeds, its engine step has committed along with any notices it wrote: queue a dispatch
/// so they arrive now rather than at the next minute's run. One indexed look first, so commands that wrote no
/// notice (most of them) queue nothing. A row that failed before is left to the minute's run, which paces its retries.
/// </summary>
public sealed partial class OutboxDispatchBehaviour<TMessage, TResponse>(
    WorkflowDatabase database, IBackgroundJobClient jobs, ILogger<OutboxDispatchBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is not IApiCommand || response is not IResult result || !ApiProblems.IsSuccess(result))
        {
            return response;
        }

        // The command has taken effect: neither a caller who hangs up now nor a failure to queue the dispatch may
        // turn it into an error. The minute's run delivers what this one could not.
        try
        {
            await using var db = database.CreateContext();
            if (await db.Outbox.AnyAsync(m => m.ProcessedAt == null && m.Attempts == 0, CancellationToken.None))
            {
                jobs.Enqueue<OutboxDispatcher>(d => d.RunAsync(CancellationToken.None));
            }
        }
        catch (Exception ex) when (ex is BackgroundJobClientException or System.Data.Common.DbException)
        {
            LogNotQueued(logger, ex, typeof(TMessage).Name);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "请求 {Request} 之后未能安排通知分发，将由每分钟的例行分发送达")]
    private static partial void LogNotQueued(ILogger logger, Exception exception, string request);
}
