// The rows the engine stores: definitions, instances, bookmarks, human tasks, timers, journal, incidents, calendar, outbox.
namespace Approvals.Workflows.Persistence;

/// <summary>One published, immutable version of a definition.</summary>
public sealed class DefinitionRecord
{
    public long Id { get; set; }

    public required string DefinitionId { get; set; }

    public int Version { get; set; }

    public required string Name { get; set; }

    /// <summary>The whole definition, compact JSON; never updated after publishing.</summary>
    public required string Json { get; set; }

    public DateTime PublishedAt { get; set; }

    public string? PublishedBy { get; set; }
}

public enum InstanceStatus
{
    Running,
    Suspended,
    Finished,
    Faulted,
    Cancelled,
}

public sealed class WorkflowInstance
{
    public InstanceId Id { get; set; }

    public long DefinitionRecordId { get; set; }

    public required string DefinitionId { get; set; }

    public int DefinitionVersion { get; set; }

    public required string Title { get; set; }

    public InstanceStatus Status { get; set; }

    public string Variables { get; set; } = "{}";

    public string Form { get; set; } = "{}";

    /// <summary>Per-node activity state (votes so far, arrivals at a join…), keyed by node id.</summary>
    public string NodeStates { get; set; } = "{}";

    /// <summary>Work not yet done: non-empty only while faulted, so a retry carries on where it stopped.</summary>
    public string Queue { get; set; } = "[]";

    /// <summary>Node ids completed at least once, the targets a return for revision may name.</summary>
    public string Visited { get; set; } = "[]";

    public string? Output { get; set; }

    public string? InitiatorUserId { get; set; }

    public string? InitiatorOrgId { get; set; }

    public InstanceId? ParentInstanceId { get; set; }

    public BookmarkId? ParentBookmarkId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Sequence and hash of the last journal entry: deleting the tail of the journal breaks this link.</summary>
    public long JournalSequence { get; set; }

    public string JournalHash { get; set; } = "";

    /// <summary>Optimistic concurrency token, incremented by every step.</summary>
    public int Version { get; set; }
}

/// <summary>A place where an instance waits: a person's task, a timer, a child case.</summary>
public sealed class Bookmark
{
    public BookmarkId Id { get; set; }

    public InstanceId InstanceId { get; set; }

    public required string NodeId { get; set; }

    public required string Kind { get; set; }

    public string Data { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }
}

public enum HumanTaskStatus
{
    Open,
    Completed,
    Cancelled,
}

public sealed class HumanTask
{
    public TaskId Id { get; set; }

    public InstanceId InstanceId { get; set; }

    public BookmarkId BookmarkId { get; set; }

    public required string DefinitionId { get; set; }

    public required string NodeId { get; set; }

    public required string Title { get; set; }

    /// <summary>approval, countersign, task, resubmit, or addsign (an opinion asked for before the task's own decision).</summary>
    public required string Kind { get; set; }

    public string? AssigneeRole { get; set; }

    public string? AssigneeOrgId { get; set; }

    public string? AssigneeUserId { get; set; }

    /// <summary>JSON array of the outcomes this task accepts.</summary>
    public string AllowedOutcomes { get; set; } = "[]";

    public HumanTaskStatus Status { get; set; }

    public string? Outcome { get; set; }

    public string? Comment { get; set; }

    public string? CompletedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? DueAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>The supervising organisation told when the task went overdue, for its "escalated to us" list.</summary>
    public string? EscalatedToOrgId { get; set; }

    public DateTime? OverdueAt { get; set; }

    /// <summary>委派: the person handling it for the owner until they hand it back; the owner decides afterwards.</summary>
    public string? DelegatedToUserId { get; set; }

    /// <summary>Who delegated the task; it returns to them.</summary>
    public string? OwnerUserId { get; set; }

    /// <summary>加签: the added signer's task that must be finished before this one can be decided.</summary>
    public TaskId? WaitingForTaskId { get; set; }

    /// <summary>For an added signer's task: the task that asked for the opinion.</summary>
    public TaskId? ParentTaskId { get; set; }

    public DateTime? LastUrgedAt { get; set; }
}

public enum TimerState
{
    Pending,
    Fired,
    Cancelled,
}

/// <summary>Resume wakes a waiting Timer node; Reminder and Overdue only raise alarms about a person's task.</summary>
public enum TimerPurpose
{
    Resume,
    Reminder,
    Overdue,
}

public sealed class WorkflowTimer
{
    public TimerId Id { get; set; }

    public InstanceId InstanceId { get; set; }

    public BookmarkId BookmarkId { get; set; }

    public required string NodeId { get; set; }

    public DateTime DueAt { get; set; }

    public TimerState State { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? FiredAt { get; set; }

    public TimerPurpose Purpose { get; set; }

    /// <summary>The task a reminder or overdue alarm is about; null for a resume timer.</summary>
    public TaskId? TaskId { get; set; }
}

/// <summary>Append-only; each entry holds the hash of the one before it in the same instance.</summary>
public sealed class JournalEntry
{
    public long Id { get; set; }

    public InstanceId InstanceId { get; set; }

    public long Sequence { get; set; }

    public DateTime At { get; set; }

    public required string Kind { get; set; }

    public string? NodeId { get; set; }

    public string? Actor { get; set; }

    public string Data { get; set; } = "{}";

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

public sealed class Incident
{
    public IncidentId Id { get; set; }

    public InstanceId InstanceId { get; set; }

    public required string NodeId { get; set; }

    public required string Message { get; set; }

    public string? Detail { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }
}

/// <summary>An administrator's change to the official calendar: an extra off-day or working day.</summary>
public sealed class CalendarOverride
{
    public DateOnly Date { get; set; }

    public bool IsOffDay { get; set; }

    public required string Name { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}

/// <summary>
/// A notice to send, written in the same transaction as the step that causes it, so none is lost or sent for a
/// step that rolled back. The host delivers it and records ProcessedAt, Attempts and LastError.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public InstanceId InstanceId { get; set; }

    public TaskId? TaskId { get; set; }

    /// <summary>task-assigned, reminder, overdue, escalated, urged, case-finished or case-cancelled.</summary>
    public required string Kind { get; set; }

    public string? RecipientUserId { get; set; }

    public string? RecipientOrgId { get; set; }

    public string? RecipientRole { get; set; }

    public string Data { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }

    public DateTime? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>
/// A list of reference data that administrators maintain and processes read: the catalogue of technical-school
/// majors, the 31 construction majors of 工学一体化. A form's select field names a list to take its options from.
/// </summary>
public sealed class ReferenceList
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

/// <summary>One entry of a reference list; an inactive entry stays for the cases that chose it but is offered no more.</summary>
public sealed class ReferenceItem
{
    public required string ListId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>Further columns (the major's category, say), a JSON object.</summary>
    public string Data { get; set; } = "{}";

    public int SortOrder { get; set; }

    public bool Active { get; set; } = true;
}

/// <summary>
/// A standing fact a process establishes about an organisation, kept after the case ends: a major filed for a
/// school (collection "school-majors", key the major's code), its warning and its withdrawal. Written by the
/// Register activity in the same transaction as the step, so the fact and the journal never disagree.
/// </summary>
public sealed class RegistryRecord
{
    public long Id { get; set; }

    public required string Collection { get; set; }

    public required string OrgId { get; set; }

    public required string Key { get; set; }

    public required string Name { get; set; }

    public required string Status { get; set; }

    public string Data { get; set; } = "{}";

    /// <summary>The case that last changed the record.</summary>
    public InstanceId InstanceId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// Where the background journal audit stands (one row): the last journal row it has read, so it checks the cases
/// written since, and how far its rolling round over every case has got.
/// </summary>
public sealed class JournalAuditState
{
    public const int SingleRowId = 1;

    public int Id { get; set; }

    /// <summary>The highest journal entry id the audit has read; cases with entries above it were written since.</summary>
    public long JournalWatermark { get; set; }

    /// <summary>The last case of the current round checked so far, in id order; null at the start of a round.</summary>
    public InstanceId? Cursor { get; set; }

    public DateTime? LastRunAt { get; set; }

    public int LastRunChecked { get; set; }

    public long CheckedThisRound { get; set; }

    public int RoundsCompleted { get; set; }

    public DateTime? LastRoundCompletedAt { get; set; }
}

/// <summary>A case whose journal failed the audit, kept until an audit finds it intact again.</summary>
public sealed class JournalBreak
{
    public InstanceId InstanceId { get; set; }

    public long? Sequence { get; set; }

    public required string Problem { get; set; }

    public DateTime DetectedAt { get; set; }
}
