// The caller's notifications, newest first, optionally only the unread ones, paged.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Tasks;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Notifications;

public sealed record NotificationRow(
    long Id, string Kind, string Title, string Body, string? CaseId, string? TaskId, DateTime CreatedAt, DateTime? ReadAt);

/// <summary>Query-string parameters; each is optional (a missing one takes its default).</summary>
public sealed class ListNotifications : PagedQuery, IApiQuery
{
    public bool? Unread { get; init; }
}

internal sealed class ListNotificationsValidator : AbstractValidator<ListNotifications>
{
    public ListNotificationsValidator()
    {
        Include(new PagedQueryValidator());
    }
}

internal sealed class ListNotificationsHandler(ApprovalsDb db, CurrentUser user) : IQueryHandler<ListNotifications, IResult>
{
    public async ValueTask<IResult> Handle(ListNotifications query, CancellationToken cancellationToken)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id);
        if (query.Unread == true)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }

        var total = await mine.CountAsync(cancellationToken);
        var page = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(query.Skip).Take(query.Size)
            .ToListAsync(cancellationToken);
        var rows = page.Select(n => new NotificationRow(
            n.Id, n.Kind, n.Title, n.Body, n.CaseId?.ToString(), n.TaskId?.ToString(), n.CreatedAt, n.ReadAt)).ToList();
        return Results.Ok(new Page<NotificationRow>(rows, total, query.PageNumber, query.Size));
    }
}
