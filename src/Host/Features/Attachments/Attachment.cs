// An uploaded file, kept in the database (every node sees it) with its SHA-256 so it can be proven unchanged.
using Approvals.Workflows.Persistence;

namespace Approvals.Host.Features.Attachments;

public sealed class Attachment
{
    public Guid Id { get; set; }

    public required string OrgId { get; set; }

    public required string UploadedBy { get; set; }

    /// <summary>Null until the file is used by a case (uploaded while the form is being filled).</summary>
    public InstanceId? CaseId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, string Sha256, DateTime CreatedAt);
