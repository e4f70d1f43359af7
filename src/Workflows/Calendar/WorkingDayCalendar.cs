// STUB
using Microsoft.Extensions.Logging;
namespace Approvals.Workflows.Calendar;
public sealed record CalendarDay(DateOnly Date, bool IsOffDay, string Name);
public sealed class WorkingDayCalendar
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    public WorkingDayCalendar(IEnumerable<CalendarDay> officialDays, IEnumerable<CalendarDay> overrides, ILogger? logger = null) { }
    public static IReadOnlyList<CalendarDay> LoadOfficialDays() => [];
    private readonly int x = 1; public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days) => start.AddDays(days * x);
}
