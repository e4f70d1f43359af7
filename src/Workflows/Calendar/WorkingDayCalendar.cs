// The Chinese working-day calendar: the State Council's off-days and make-up days, then weekends.
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Calendar;

/// <summary>A listed day: IsOffDay true is a holiday (even on a weekday), false a make-up working day (调休).</summary>
public sealed record CalendarDay(DateOnly Date, bool IsOffDay, string Name);

public sealed partial class WorkingDayCalendar
{
    /// <summary>China has one time zone and no daylight saving: every date is taken at UTC+8.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private const int MaxDays = 3660;

    private readonly Dictionary<DateOnly, CalendarDay> days = [];
    private readonly HashSet<int> yearsWithData = [];
    private readonly ConcurrentDictionary<int, bool> warnedYears = new();
    private readonly ILogger? logger;

    public WorkingDayCalendar(IEnumerable<CalendarDay> officialDays, IEnumerable<CalendarDay> overrides, ILogger? logger = null)
    {
        this.logger = logger;
        foreach (var day in officialDays)
        {
            days[day.Date] = day;
            yearsWithData.Add(day.Date.Year);
        }

        // An administrator's entry replaces the official one for that date.
        foreach (var day in overrides)
        {
            days[day.Date] = day;
        }
    }

    public static IReadOnlyList<CalendarDay> LoadOfficialDays() => [.. LoadOfficialFiles().SelectMany(f => f.Days)];

    public static WorkingDayCalendar Official(ILogger? logger = null) => new(LoadOfficialDays(), [], logger);

    public bool HasOfficialData(int year) => yearsWithData.Contains(year);

    public CalendarDay? Describe(DateOnly date) => days.GetValueOrDefault(date);

    public bool IsWorkingDay(DateOnly date)
    {
        if (days.TryGetValue(date, out var listed))
        {
            return !listed.IsOffDay;
        }

        if (!yearsWithData.Contains(date.Year) && warnedYears.TryAdd(date.Year, true) && logger is not null)
        {
            LogNoData(logger, date.Year);
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    public bool IsWorkingDay(DateTimeOffset instant) => IsWorkingDay(ChinaDate(instant));

    /// <summary>The same Beijing time of day on the Nth working day after the start's Beijing date.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days) => MoveWorkingDays(start, days, 1);

    /// <summary>The same Beijing time of day on the Nth working day before the end's Beijing date: a reminder before a deadline.</summary>
    public DateTimeOffset SubtractWorkingDays(DateTimeOffset end, int days) => MoveWorkingDays(end, days, -1);

    private DateTimeOffset MoveWorkingDays(DateTimeOffset from, int days, int direction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var local = from.ToOffset(ChinaOffset);
        if (days == 0)
        {
            return local;
        }

        var date = DateOnly.FromDateTime(local.DateTime);
        var counted = 0;
        var steps = 0;
        while (counted < days)
        {
            date = date.AddDays(direction);
            if (++steps > MaxDays * 2)
            {
                throw new InvalidOperationException("日历中连续的休息日过多，无法计算工作日。");
            }

            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay)), ChinaOffset);
    }

    /// <summary>Working days after from's date up to and including to's date: "N working days left".</summary>
    public int WorkingDaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var first = ChinaDate(from);
        var last = ChinaDate(to);
        if (last <= first)
        {
            return 0;
        }

        if (last.DayNumber - first.DayNumber > MaxDays * 2)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "时间跨度过大。");
        }

        var count = 0;
        for (var date = first.AddDays(1); date <= last; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    internal static IReadOnlyList<(int Year, IReadOnlyList<CalendarDay> Days)> LoadOfficialFiles()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        var files = new List<(int, IReadOnlyList<CalendarDay>)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Holidays.", StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var file = JsonSerializer.Deserialize<HolidayFile>(stream, JsonSerializerOptions.Web)
                       ?? throw new InvalidOperationException($"节假日数据 {name} 为空。");
            files.Add((file.Year, file.Days.Select(d => new CalendarDay(DateOnly.Parse(d.Date, System.Globalization.CultureInfo.InvariantCulture), d.IsOffDay, d.Name)).ToArray()));
        }

        return files;
    }

    private static DateOnly ChinaDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ChinaOffset).DateTime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Year} 年没有国务院节假日安排数据，按周末休息计算工作日，结果可能不准确。请在日历管理中补充当年的放假和调休日期。")]
    private static partial void LogNoData(ILogger logger, int year);

    private sealed record HolidayFile(int Year, List<HolidayEntry> Days);

    private sealed record HolidayEntry(string Name, string Date, bool IsOffDay);
}
