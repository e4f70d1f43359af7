// An administrator's unpublished edit of a process; publishing turns it into the next immutable version.
namespace Approvals.Host.Features.Definitions;

public sealed class DefinitionDraft
{
    public required string DefinitionId { get; set; }

    public required string Name { get; set; }

    public required string Json { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
