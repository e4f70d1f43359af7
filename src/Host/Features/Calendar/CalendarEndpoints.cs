// /api/calendar: the working-day calendar deadlines are counted with, and (administrators only) its adjustments.
using Approvals.Host.Features.Auth;
using Mediator;

namespace Approvals.Host.Features.Calendar;

internal static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("工作日历").RequireAuthorization();
        group.MapGet("/", (int? year, ISender sender, CancellationToken ct) => sender.Send(new GetCalendarYear(year), ct));
        group.MapGet("/working-days", (DateOnly? from, DateOnly? to, ISender sender, CancellationToken ct) =>
            sender.Send(new CountWorkingDays(from, to), ct));
        group.MapPost("/overrides", (AddCalendarOverride command, ISender sender, CancellationToken ct) => sender.Send(command, ct))
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        group.MapDelete("/overrides/{date}", (string date, ISender sender, CancellationToken ct) =>
                sender.Send(new RemoveCalendarOverride(date), ct))
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        return app;
    }
}
