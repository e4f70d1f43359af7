// A year of the working-day calendar: every day that is not an ordinary weekday or weekend (the State Council's
// holidays and make-up working days, the administrators' adjustments) and the working days of each month.
using Approvals.Host.Requests;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Calendar;

/// <summary>Without a year, the current year in Beijing.</summary>
public sealed record GetCalendarYear(int? Year) : IApiQuery;

/// <summary>Source is "official" (国务院办公厅的放假安排) or "override" (an administrator's adjustment, which wins).</summary>
public sealed record CalendarDayView(DateOnly Date, string Weekday, bool IsOffDay, string Name, string KindName, string Source, string SourceName);

public sealed record CalendarMonthView(int Month, int Days, int WorkingDays);

/// <summary>HasOfficialData false: no State Council schedule is shipped for the year, so only weekends are off.</summary>
public sealed record CalendarYearView(
    int Year, bool HasOfficialData, int WorkingDays, IReadOnlyList<CalendarMonthView> Months, IReadOnlyList<CalendarDayView> Days);

internal sealed class GetCalendarYearValidator : AbstractValidator<GetCalendarYear>
{
    public GetCalendarYearValidator() =>
        RuleFor(q => q.Year).InclusiveBetween(CalendarDates.FirstYear, CalendarDates.LastYear).WithName("年份");
}

internal sealed class GetCalendarYearHandler(WorkflowDatabase database, CalendarSource source, TimeProvider clock)
    : IQueryHandler<GetCalendarYear, IResult>
{
    public async ValueTask<IResult> Handle(GetCalendarYear query, CancellationToken cancellationToken)
    {
        var year = query.Year ?? CalendarDates.CurrentYear(clock);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);

        await using var db = database.CreateContext();
        var calendar = await source.GetAsync(db, cancellationToken);
        var overridden = (await db.CalendarOverrides.AsNoTracking()
            .Where(c => c.Date >= first && c.Date <= last)
            .Select(c => c.Date)
            .ToListAsync(cancellationToken)).ToHashSet();

        var days = new List<CalendarDayView>();
        var working = new int[12];
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (calendar.IsWorkingDay(date))
            {
                working[date.Month - 1]++;
            }

            if (calendar.Describe(date) is { } listed)
            {
                var isOverride = overridden.Contains(date);
                days.Add(new CalendarDayView(
                    date, CalendarDates.Weekday(date), listed.IsOffDay, listed.Name, listed.IsOffDay ? "放假" : "上班",
                    isOverride ? "override" : "official", isOverride ? "管理员调整" : "国家规定"));
            }
        }

        var months = Enumerable.Range(1, 12)
            .Select(m => new CalendarMonthView(m, DateTime.DaysInMonth(year, m), working[m - 1]))
            .ToList();
        return Results.Ok(new CalendarYearView(year, calendar.HasOfficialData(year), working.Sum(), months, days));
    }
}
