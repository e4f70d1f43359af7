// An administrator removes an adjustment: the date is again what the State Council's schedule or the weekend says.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Calendar;

public sealed record RemoveCalendarOverride(string Date) : IApiCommand
{
    internal DateOnly? Day => CalendarDates.Parse(Date);
}

internal sealed class RemoveCalendarOverrideValidator : AbstractValidator<RemoveCalendarOverride>
{
    public RemoveCalendarOverrideValidator() =>
        RuleFor(c => c.Day).NotNull().OverridePropertyName("date").WithMessage(CalendarDates.FormatMessage);
}

internal sealed class RemoveCalendarOverrideHandler(WorkflowDatabase database, ApprovalsDb appDb, CurrentUser user, TimeProvider clock)
    : ICommandHandler<RemoveCalendarOverride, IResult>
{
    public async ValueTask<IResult> Handle(RemoveCalendarOverride command, CancellationToken cancellationToken)
    {
        var date = command.Day!.Value;
        var text = CalendarDates.Text(date);
        CalendarOverride? entry;
        await using (var db = database.CreateContext())
        {
            entry = await db.CalendarOverrides.FirstOrDefaultAsync(c => c.Date == date, cancellationToken);
            if (entry is null)
            {
                return ApiProblems.NotFound($"{text} 没有管理员调整。");
            }

            db.CalendarOverrides.Remove(entry);
            await db.SaveChangesAsync(cancellationToken);
        }

        appDb.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = user.Id, Action = "calendar-override-removed", Target = text,
            Data = new JsonObject { ["date"] = text, ["isOffDay"] = entry.IsOffDay, ["name"] = entry.Name }.ToJsonString(),
        });
        return Results.NoContent();
    }
}
