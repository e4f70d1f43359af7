// Which cases still follow a definition: those not yet ended keep the version they started on.
using Approvals.Workflows.Persistence;

namespace Approvals.Host.Features.Definitions;

internal static class DefinitionUsage
{
    /// <summary>Running, waiting on a person, a timer or a child case, or faulted and awaiting a retry.</summary>
    public static IQueryable<WorkflowInstance> Unfinished(this IQueryable<WorkflowInstance> instances) =>
        instances.Where(i => i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Suspended || i.Status == InstanceStatus.Faulted);
}
