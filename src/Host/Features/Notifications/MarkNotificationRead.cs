// Mark one of the caller's notifications read; anyone else's is answered as if it did not exist.
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Notifications;

public sealed record MarkNotificationRead(long Id) : IApiCommand;

internal sealed class MarkNotificationReadHandler(ApprovalsDb db, CurrentUser user, TimeProvider clock) : ICommandHandler<MarkNotificationRead, IResult>
{
    public async ValueTask<IResult> Handle(MarkNotificationRead command, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == command.Id && n.UserId == user.Id, cancellationToken);
        if (notification is null)
        {
            return ApiProblems.NotFound("通知不存在。");
        }

        // Read stays read at the first time it was read.
        notification.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        return Results.NoContent();
    }
}
