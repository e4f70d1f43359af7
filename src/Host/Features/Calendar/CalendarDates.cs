// How the calendar API writes and reads dates: yyyy-MM-dd, Beijing dates, Chinese weekday names.
using System.Globalization;
using Approvals.Workflows.Calendar;

namespace Approvals.Host.Features.Calendar;

internal static class CalendarDates
{
    public const string Format = "yyyy-MM-dd";

    /// <summary>The years the calendar may be read or adjusted for: a guard against typos such as 20266.</summary>
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static readonly string FormatMessage = $"日期格式应为 yyyy-MM-dd（例如 2026-12-31），且在 {FirstYear} 年至 {LastYear} 年之间。";

    private static readonly string[] Weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= FirstYear and <= LastYear
            ? date
            : null;

    public static string Text(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    public static string Weekday(DateOnly date) => Weekdays[(int)date.DayOfWeek];

    /// <summary>Midnight of the date in Beijing, the instant the engine's calendar counts from.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), WorkingDayCalendar.ChinaOffset);

    public static int CurrentYear(TimeProvider clock) => clock.GetUtcNow().ToOffset(WorkingDayCalendar.ChinaOffset).Year;
}
