// /api/notifications: the caller's own in-app messages, the unread count, marking one or all as read.
using Mediator;

namespace Approvals.Host.Features.Notifications;

internal static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("通知").RequireAuthorization();
        group.MapGet("/", ([AsParameters] ListNotifications query, ISender sender, CancellationToken ct) => sender.Send(query, ct));
        group.MapGet("/unread-count", (ISender sender, CancellationToken ct) => sender.Send(new CountUnreadNotifications(), ct));
        group.MapPost("/{id:long}/read", (long id, ISender sender, CancellationToken ct) => sender.Send(new MarkNotificationRead(id), ct));
        group.MapPost("/read-all", (ISender sender, CancellationToken ct) => sender.Send(new MarkAllNotificationsRead(), ct));
        return app;
    }
}
