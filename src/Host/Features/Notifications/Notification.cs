// A user's in-app message (reminders, returns, results) and the mail outbox behind e-mail delivery.
using Approvals.Workflows.Persistence;

namespace Approvals.Host.Features.Notifications;

public sealed class Notification
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string Kind { get; set; }

    public required string Title { get; set; }

    public string Body { get; set; } = "";

    public InstanceId? CaseId { get; set; }

    public TaskId? TaskId { get; set; }

    /// <summary>What produced it (an engine outbox row): a second dispatch of the same row writes nothing.</summary>
    public required string SourceKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}

/// <summary>An e-mail waiting to be sent; a failed send is retried later and never blocks a step.</summary>
public sealed class MailMessage
{
    public long Id { get; set; }

    public required string To { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
