// E-mail through the configured SMTP server: a recurring job sends the queued messages that are due; a failed
// send waits longer each time and is given up after MaxAttempts. It runs only as a background job, never inside
// a workflow step, so a mail server that is down delays mail and nothing else.
using System.Net.Sockets;
using Approvals.Host.Persistence;
using Hangfire;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Approvals.Host.Features.Notifications;

/// <summary>Approvals:Smtp; mail is off while Host is empty.</summary>
public sealed class SmtpSettings
{
    public const string Section = "Approvals:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. "技工院校审批系统 &lt;noreply@example.cn&gt;".</summary>
    public string? From { get; set; }

    /// <summary>TLS: implicit on port 465, STARTTLS required on any other port; false sends in the clear (an internal relay).</summary>
    public bool UseSsl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    internal SecureSocketOptions Security => !UseSsl ? SecureSocketOptions.None
        : Port == 465 ? SecureSocketOptions.SslOnConnect
        : SecureSocketOptions.StartTls;
}

public sealed record MailRun(int Sent, int Failed);

public sealed partial class MailSender(ApprovalsDb db, IOptions<SmtpSettings> options, TimeProvider clock, ILogger<MailSender> logger)
{
    public const string JobId = "mail-send";
    public const int MaxAttempts = 10;
    public const int BatchSize = 50;

    /// <summary>How long a claimed message is left alone: a node that dies while sending leaves it to be retried after this.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(4);

    private SmtpSettings Settings => options.Value;

    /// <summary>After the nth failed attempt: 1, 2, 4 … minutes, at most four hours.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Max(attempts - 1, 0)), MaxBackoff.TotalMinutes));

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var run = await SendDueAsync(cancellationToken);
        if (run.Sent + run.Failed > 0)
        {
            LogRun(logger, run.Sent, run.Failed);
        }
    }

    /// <summary>
    /// Sends the due messages over one connection. A connection that cannot be made fails only the message that
    /// tried it; the others wait for the next run, so an outage costs one attempt per run instead of one per message.
    /// </summary>
    public async Task<MailRun> SendDueAsync(CancellationToken cancellationToken)
    {
        if (Settings is not { Enabled: true, Host: { } host })
        {
            return new MailRun(0, 0);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Mails.AsNoTracking()
            .Where(m => m.SentAt == null && m.Attempts < MaxAttempts && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return new MailRun(0, 0);
        }

        // Checked at start-up: with a host configured, From is a valid address.
        var from = MailboxAddress.Parse(Settings.From ?? "");
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(30).TotalMilliseconds };
        int sent = 0, failed = 0;
        foreach (var mail in due)
        {
            if (!await ClaimAsync(mail, cancellationToken))
            {
                continue;
            }

            var attempt = mail.Attempts + 1;
            if (!client.IsConnected)
            {
                try
                {
                    await ConnectAsync(client, host, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    await FailAsync(mail, attempt, Describe(ex), cancellationToken);
                    failed++;
                    break;
                }
            }

            try
            {
                using var message = Compose(from, mail);
                await client.SendAsync(message, cancellationToken);
                await db.Mails.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.SentAt, clock.GetUtcNow().UtcDateTime)
                    .SetProperty(m => m.LastError, (string?)null), cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One message's failure (a refused recipient, say) is its own; a broken connection is made again
                // for the next message.
                await FailAsync(mail, attempt, Describe(ex), cancellationToken);
                failed++;
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }

        return new MailRun(sent, failed);
    }

    /// <summary>Counts the attempt and moves the message out of reach first, so two runs never send it twice.</summary>
    private async Task<bool> ClaimAsync(MailMessage mail, CancellationToken cancellationToken)
    {
        var leaseEnds = clock.GetUtcNow().UtcDateTime + Lease;
        var claimed = await db.Mails
            .Where(m => m.Id == mail.Id && m.SentAt == null && m.Attempts == mail.Attempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, mail.Attempts + 1)
                .SetProperty(m => m.NextAttemptAt, leaseEnds), cancellationToken);
        return claimed == 1;
    }

    private async Task FailAsync(MailMessage mail, int attempt, string error, CancellationToken cancellationToken)
    {
        var next = clock.GetUtcNow().UtcDateTime + Backoff(attempt);
        await db.Mails.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, Clip(error, 1000)), cancellationToken);
        if (attempt >= MaxAttempts)
        {
            LogGaveUp(logger, mail.Id, mail.To, attempt, error);
        }
        else
        {
            LogFailed(logger, mail.Id, mail.To, attempt, error);
        }
    }

    private async Task ConnectAsync(SmtpClient client, string host, CancellationToken cancellationToken)
    {
        await client.ConnectAsync(host, Settings.Port, Settings.Security, cancellationToken);
        if (!string.IsNullOrEmpty(Settings.UserName))
        {
            await client.AuthenticateAsync(Settings.UserName, Settings.Password ?? "", cancellationToken);
        }
    }

    private static MimeMessage Compose(MailboxAddress from, MailMessage mail)
    {
        var message = new MimeMessage { Subject = mail.Subject, Body = new TextPart("plain") { Text = mail.Body } };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }

    /// <summary>What an operator reads in LastError: the kind of failure in Chinese, then the server's or system's words.</summary>
    private string Describe(Exception ex) => ex switch
    {
        SocketException socket => $"无法连接邮件服务器 {Settings.Host}:{Settings.Port}（{socket.SocketErrorCode}）：{socket.Message}",
        SslHandshakeException => $"与邮件服务器 {Settings.Host}:{Settings.Port} 建立加密连接失败：{ex.Message}",
        AuthenticationException => $"邮件服务器拒绝登录（用户名 {Settings.UserName}）：{ex.Message}",
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } command => $"邮件服务器拒收收件人（{(int)command.StatusCode}）：{ex.Message}",
        SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } command => $"邮件服务器拒收发件人（{(int)command.StatusCode}）：{ex.Message}",
        SmtpCommandException command => $"邮件服务器拒绝发送（{(int)command.StatusCode}）：{ex.Message}",
        SmtpProtocolException => $"与邮件服务器通信出错：{ex.Message}",
        ParseException => $"收件人地址格式不正确：{ex.Message}",
        TimeoutException or OperationCanceledException => $"连接邮件服务器 {Settings.Host}:{Settings.Port} 超时",
        IOException => $"与邮件服务器的连接中断：{ex.Message}",
        _ => $"发送失败（{ex.GetType().Name}）：{ex.Message}",
    };

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "邮件发送：成功 {Sent} 封，失败 {Failed} 封")]
    private static partial void LogRun(ILogger logger, int sent, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "邮件 {MailId} 发往 {To} 第 {Attempt} 次发送失败，稍后重试：{Error}")]
    private static partial void LogFailed(ILogger logger, long mailId, string to, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "邮件 {MailId} 发往 {To} 已尝试发送 {Attempt} 次均失败，不再重试：{Error}")]
    private static partial void LogGaveUp(ILogger logger, long mailId, string to, int attempt, string error);
}
