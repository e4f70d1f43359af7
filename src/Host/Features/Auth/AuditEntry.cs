// What a person did outside a case (sign-in, publishing, calendar edits, uploads); actions on a case go to its journal.
namespace Approvals.Host.Features.Auth;

public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string? UserId { get; set; }

    public required string Action { get; set; }

    public string? Target { get; set; }

    public string Data { get; set; } = "{}";
}
