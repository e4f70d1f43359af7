using Approvals.Workflows.Calendar;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly WorkingDayCalendar Official = WorkingDayCalendar.Official();

    public static TheoryData<int> Years() => new(WorkingDayCalendar.LoadOfficialFiles().Select(f => f.Year));

    [Theory]
    [MemberData(nameof(Years))]
    public void IsWorkingDay_EveryListedDayOfTheYear_FollowsTheStateCouncilNotice(int year)
    {
        var days = WorkingDayCalendar.LoadOfficialFiles().Single(f => f.Year == year).Days;
        Assert.NotEmpty(days);
        foreach (var day in days)
        {
            Assert.True(Official.IsWorkingDay(day.Date) == !day.IsOffDay, $"{day.Date} {day.Name}");
        }

        // Make-up days are weekends people work on; off-days cover at least one weekday.
        Assert.All(days.Where(d => !d.IsOffDay), d => Assert.Contains(d.Date.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }));
        Assert.Contains(days, d => d.IsOffDay && d.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
    }

    [Fact]
    public void LoadOfficialFiles_Counts_MatchThePublishedNotices()
    {
        var counts = WorkingDayCalendar.LoadOfficialFiles()
            .ToDictionary(f => f.Year, f => (Off: f.Days.Count(d => d.IsOffDay), MakeUp: f.Days.Count(d => !d.IsOffDay)));

        Assert.Equal((31, 7), counts[2022]);
        Assert.Equal((27, 7), counts[2023]);
        Assert.Equal((28, 8), counts[2024]);
        Assert.Equal((28, 5), counts[2025]);
        Assert.Equal((33, 6), counts[2026]);
    }

    [Fact]
    public void AddWorkingDays_AcrossNationalDay2024_SkipsTheHolidayAndCountsTheMakeUpSunday()
    {
        var due = Official.AddWorkingDays(new DateTimeOffset(2024, 9, 27, 10, 0, 0, Beijing), 5);

        Assert.Equal(new DateTimeOffset(2024, 10, 10, 10, 0, 0, Beijing), due);
        Assert.Equal(Beijing, due.Offset);
    }

    [Fact]
    public void SubtractWorkingDays_BackAcrossNationalDay2024_SkipsTheHolidayAndCountsTheMakeUpSunday()
    {
        // Tuesday 8 October is the first working day after 1–7 October; before it: Monday 30 and Sunday 29 September.
        var reminder = Official.SubtractWorkingDays(new DateTimeOffset(2024, 10, 8, 2, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal(new DateTimeOffset(2024, 9, 29, 10, 0, 0, Beijing), reminder);
        Assert.Equal(Beijing, reminder.Offset);
        Assert.Equal(new DateTimeOffset(2024, 9, 27, 10, 0, 0, Beijing),
            Official.SubtractWorkingDays(Official.AddWorkingDays(new DateTimeOffset(2024, 9, 27, 10, 0, 0, Beijing), 5), 5));
    }

    [Fact]
    public void SubtractWorkingDays_NegativeOrAbsurd_Throws()
    {
        var now = new DateTimeOffset(2024, 9, 27, 10, 0, 0, Beijing);

        Assert.Throws<ArgumentOutOfRangeException>(() => Official.SubtractWorkingDays(now, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Official.SubtractWorkingDays(now, 100_000));
        Assert.Equal(now, Official.SubtractWorkingDays(now, 0));
    }

    [Fact]
    public void IsWorkingDay_UtcInstantLateInTheDay_UsesTheBeijingDate()
    {
        // 17:00 UTC on 30 September is 01:00 on 1 October in Beijing: a holiday.
        Assert.False(Official.IsWorkingDay(new DateTimeOffset(2024, 9, 30, 17, 0, 0, TimeSpan.Zero)));
        Assert.True(Official.IsWorkingDay(new DateTimeOffset(2024, 9, 30, 15, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Overrides_AddedOffDayAndWorkingDay_ReplaceTheOfficialDays()
    {
        var calendar = new WorkingDayCalendar(WorkingDayCalendar.LoadOfficialDays(),
        [
            new CalendarDay(new DateOnly(2024, 10, 8), true, "防汛停工"),
            new CalendarDay(new DateOnly(2024, 10, 13), false, "集中评审"),
        ]);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2024, 10, 8)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2024, 10, 13)));
        Assert.Equal("防汛停工", calendar.Describe(new DateOnly(2024, 10, 8))!.Name);
        // 29 Sep, 30 Sep, (8 Oct now off) 9, 10, 11 Oct
        Assert.Equal(new DateTimeOffset(2024, 10, 11, 10, 0, 0, Beijing),
            calendar.AddWorkingDays(new DateTimeOffset(2024, 9, 27, 10, 0, 0, Beijing), 5));
    }

    [Fact]
    public void IsWorkingDay_YearWithoutData_FallsBackToWeekendsAndWarnsOnce()
    {
        var logger = new CapturingLogger();
        var calendar = new WorkingDayCalendar(WorkingDayCalendar.LoadOfficialDays(), [], logger);

        Assert.False(calendar.HasOfficialData(2031));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2031, 10, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2031, 10, 4)));
        calendar.AddWorkingDays(new DateTimeOffset(2031, 3, 3, 9, 0, 0, Beijing), 30);

        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("2031", warning.Message, StringComparison.Ordinal);
        Assert.True(calendar.HasOfficialData(2024));
    }

    [Fact]
    public void WorkingDaysBetween_OverTheHoliday_CountsOnlyWorkingDays()
    {
        var from = new DateTimeOffset(2024, 9, 27, 10, 0, 0, Beijing);

        Assert.Equal(5, Official.WorkingDaysBetween(from, new DateTimeOffset(2024, 10, 10, 8, 0, 0, Beijing)));
        Assert.Equal(0, Official.WorkingDaysBetween(from, from.AddHours(-1)));
    }

    [Fact]
    public void AddWorkingDays_NegativeOrAbsurd_Throws()
    {
        var now = new DateTimeOffset(2024, 9, 27, 10, 0, 0, Beijing);

        Assert.Throws<ArgumentOutOfRangeException>(() => Official.AddWorkingDays(now, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Official.AddWorkingDays(now, 100_000));
        Assert.Equal(now, Official.AddWorkingDays(now, 0));
    }

    private sealed class CapturingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
