// Who may start a case of a process directly: the one rule that 发起申请's list and the start itself both apply.
using Approvals.Host.Features.Auth;
using Approvals.Workflows.Definitions;

namespace Approvals.Host.Features.Cases;

public static class CaseStarters
{
    /// <summary>
    /// No start roles: anyone signed in; an empty list: nobody directly (a parent process or a dedicated action
    /// starts it); otherwise the caller must hold one of them.
    /// </summary>
    public static bool MayStart(this CurrentUser user, WorkflowDefinition definition) =>
        definition.StartRoles is not { } roles || roles.Any(user.IsInRole);
}
