// Who an engine notice is for: the named user; or everyone at the organisation holding the role; or, with no
// role (an escalation), everyone at the organisation holding a supervising role.
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Notifications;

public sealed record NoticeRecipient(string UserId, string? Email);

public sealed class NoticeRecipients(ApprovalsDb db)
{
    public async Task<IReadOnlyList<NoticeRecipient>> ResolveAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        if (row.RecipientUserId is { } userId)
        {
            return await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new NoticeRecipient(u.Id, u.Email)).ToListAsync(cancellationToken);
        }

        if (row.RecipientOrgId is not { } orgId)
        {
            throw new InvalidDataException("通知既没有指定收件人，也没有指定收件单位。");
        }

        string[] roles = row.RecipientRole is { } role ? [role] : [.. Roles.Supervisors];
        var roleIds = db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Id);
        return await db.Users.AsNoTracking()
            .Where(u => u.OrgId == orgId && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.Id)
            .Select(u => new NoticeRecipient(u.Id, u.Email))
            .ToListAsync(cancellationToken);
    }
}
