// The notifications module: SMTP settings checked at start-up, the dispatcher and mail sender as Hangfire jobs,
// and a dispatch queued soon after each command that may have written engine notices.
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
        services.AddSingleton<OutboxWakeUp>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxWakeUp>());
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
/// After a command succeeds, its engine step has committed along with any notices it wrote: wake the dispatch so they
/// arrive now rather than at the next minute's run. The request only rings; the look for new notices and the queuing
/// of the dispatch happen off it, in <see cref="OutboxWakeUp"/>.
/// </summary>
public sealed class OutboxDispatchBehaviour<TMessage, TResponse>(OutboxWakeUp wakeUp) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is IApiCommand && response is IResult result && ApiProblems.IsSuccess(result))
        {
            wakeUp.Ring();
        }

        return response;
    }
}
