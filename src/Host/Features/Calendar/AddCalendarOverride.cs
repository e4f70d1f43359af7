// An administrator marks a date as off (a local holiday) or as working (a make-up day); deadlines computed from
// now on count with it, since the engine reads the overrides each time.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Calendar;

public sealed record AddCalendarOverride(string? Date, bool? IsOffDay, string? Name) : IApiCommand
{
    internal DateOnly? Day => CalendarDates.Parse(Date);
}

public sealed record CalendarOverrideView(DateOnly Date, bool IsOffDay, string Name, DateTime CreatedAt, string? CreatedBy);

internal sealed class AddCalendarOverrideValidator : AbstractValidator<AddCalendarOverride>
{
    public AddCalendarOverrideValidator()
    {
        RuleFor(c => c.Date).NotEmpty().WithName("日期");
        RuleFor(c => c.Day).NotNull().When(c => !string.IsNullOrEmpty(c.Date)).OverridePropertyName("date").WithMessage(CalendarDates.FormatMessage);
        RuleFor(c => c.IsOffDay).NotNull().WithMessage("请说明这一天放假（true）还是上班（false）。");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).WithName("名称");
    }
}

internal sealed class AddCalendarOverrideHandler(WorkflowDatabase database, ApprovalsDb appDb, CurrentUser user, TimeProvider clock)
    : ICommandHandler<AddCalendarOverride, IResult>
{
    public async ValueTask<IResult> Handle(AddCalendarOverride command, CancellationToken cancellationToken)
    {
        var date = command.Day!.Value;
        var text = CalendarDates.Text(date);
        var entry = new CalendarOverride
        {
            Date = date, IsOffDay = command.IsOffDay!.Value, Name = command.Name!.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = user.Id,
        };

        await using (var db = database.CreateContext())
        {
            if (await db.CalendarOverrides.AnyAsync(c => c.Date == date, cancellationToken))
            {
                return Duplicate(text);
            }

            db.CalendarOverrides.Add(entry);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another administrator added the same date between the check and the insert.
                return Duplicate(text);
            }
        }

        appDb.Audit.Add(new AuditEntry
        {
            At = entry.CreatedAt, UserId = user.Id, Action = "calendar-override-added", Target = text,
            Data = new JsonObject { ["date"] = text, ["isOffDay"] = entry.IsOffDay, ["name"] = entry.Name }.ToJsonString(),
        });
        return Results.Created($"/api/calendar?year={date.Year}",
            new CalendarOverrideView(entry.Date, entry.IsOffDay, entry.Name, entry.CreatedAt, entry.CreatedBy));
    }

    private static IResult Duplicate(string date) => ApiProblems.Conflict($"{date} 已有管理员调整，请先删除原有调整再添加。");
}
