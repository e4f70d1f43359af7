// The working-day calendar in force: official days shipped with the engine plus the administrators' overrides table.
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Calendar;

public sealed class CalendarSource(ILogger<WorkingDayCalendar>? logger = null)
{
    private static readonly Lazy<IReadOnlyList<CalendarDay>> Official = new(WorkingDayCalendar.LoadOfficialDays);
    private Snapshot? current;

    /// <summary>Reads the overrides (a small table) each time, so an administrator's change applies to the next deadline.</summary>
    public async Task<WorkingDayCalendar> GetAsync(WorkflowDbContext db, CancellationToken cancellationToken = default)
    {
        var overrides = await db.CalendarOverrides.AsNoTracking()
            .OrderBy(c => c.Date)
            .Select(c => new CalendarDay(c.Date, c.IsOffDay, c.Name))
            .ToListAsync(cancellationToken);
        var snapshot = current;
        if (snapshot is not null && snapshot.Overrides.SequenceEqual(overrides))
        {
            return snapshot.Calendar;
        }

        var calendar = new WorkingDayCalendar(Official.Value, overrides, logger);
        current = new Snapshot(overrides, calendar);
        return calendar;
    }

    private sealed record Snapshot(List<CalendarDay> Overrides, WorkingDayCalendar Calendar);
}
