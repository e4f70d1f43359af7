// Mark every unread notification of the caller read.
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Notifications;

public sealed record MarkAllNotificationsRead : IApiCommand;

internal sealed class MarkAllNotificationsReadHandler(ApprovalsDb db, CurrentUser user, TimeProvider clock) : ICommandHandler<MarkAllNotificationsRead, IResult>
{
    /// <summary>One UPDATE rather than loading every unread row for the unit of work: it is atomic on its own.</summary>
    public async ValueTask<IResult> Handle(MarkAllNotificationsRead command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var marked = await db.Notifications.Where(n => n.UserId == user.Id && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return Results.Ok(new { marked });
    }
}
