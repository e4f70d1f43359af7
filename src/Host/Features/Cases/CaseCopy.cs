// A case copied (抄送) to a person for their information: it appears in their 抄送我的 list.
using Approvals.Workflows.Persistence;

namespace Approvals.Host.Features.Cases;

public sealed class CaseCopy
{
    public long Id { get; set; }

    public InstanceId CaseId { get; set; }

    public required string UserId { get; set; }

    public required string CopiedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
