// The number on the bell: the caller's unread notifications.
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Notifications;

public sealed record CountUnreadNotifications : IApiQuery;

internal sealed class CountUnreadNotificationsHandler(ApprovalsDb db, CurrentUser user) : IQueryHandler<CountUnreadNotifications, IResult>
{
    public async ValueTask<IResult> Handle(CountUnreadNotifications query, CancellationToken cancellationToken) =>
        Results.Ok(new { count = await db.Notifications.CountAsync(n => n.UserId == user.Id && n.ReadAt == null, cancellationToken) });
}
