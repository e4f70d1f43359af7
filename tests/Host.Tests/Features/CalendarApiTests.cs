using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Approvals.Host.Persistence;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Host.Tests.Features;

public sealed class CalendarApiTests : IDisposable
{
    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    [Fact]
    public async Task Year_2026_ListsTheOfficialHolidaysAndMakeUpDaysAndCountsWorkingDaysPerMonth()
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");

        var year = await school.GetFromJsonAsync<JsonObject>("/api/calendar?year=2026");

        Assert.Equal(2026, year!["year"]!.GetValue<int>());
        Assert.True(year["hasOfficialData"]!.GetValue<bool>());
        var newYear = Day(year, "2026-01-01");
        Assert.Equal(("元旦", true, "放假", "official", "星期四"),
            (newYear["name"]!.GetValue<string>(), newYear["isOffDay"]!.GetValue<bool>(), newYear["kindName"]!.GetValue<string>(),
             newYear["source"]!.GetValue<string>(), newYear["weekday"]!.GetValue<string>()));
        var makeUp = Day(year, "2026-01-04");
        Assert.Equal(("上班", "星期日"), (makeUp["kindName"]!.GetValue<string>(), makeUp["weekday"]!.GetValue<string>()));
        Assert.DoesNotContain(year["days"]!.AsArray(), d => d!["date"]!.GetValue<string>() == "2026-01-10");

        // January 2026: 22 weekdays, less 1 and 2 January (元旦), plus Sunday 4 January (调休).
        var january = year["months"]![0]!;
        Assert.Equal((1, 31, 21), (january["month"]!.GetValue<int>(), january["days"]!.GetValue<int>(), january["workingDays"]!.GetValue<int>()));
        Assert.Equal(12, year["months"]!.AsArray().Count);
        Assert.Equal(year["months"]!.AsArray().Sum(m => m!["workingDays"]!.GetValue<int>()), year["workingDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task Year_NotGiven_IsTheCurrentYearInBeijingByTheClock()
    {
        // 31 December 2030 17:00 UTC is already 1 January 2031 in Beijing.
        await using var factory = new HostFactory(databaseFile) { Clock = new FakeTimeProvider(new DateTimeOffset(2030, 12, 31, 17, 0, 0, TimeSpan.Zero)) };
        var school = await factory.SignInAsync("school");

        var year = await school.GetFromJsonAsync<JsonObject>("/api/calendar");

        Assert.Equal(2031, year!["year"]!.GetValue<int>());
        Assert.False(year["hasOfficialData"]!.GetValue<bool>());
        Assert.Empty(year["days"]!.AsArray());
    }

    [Theory]
    [InlineData("/api/calendar?year=1999", "year")]
    [InlineData("/api/calendar?year=abc", "year")]
    [InlineData("/api/calendar/working-days?from=2026-10-08", "to")]
    [InlineData("/api/calendar/working-days?from=2026-10-08&to=2026-10-01", "to")]
    [InlineData("/api/calendar/working-days?from=2026-10-08&to=2040-10-01", "to")]
    [InlineData("/api/calendar/working-days?from=2026-13-01&to=2026-10-01", "from")]
    public async Task Read_BadQuery_Is400WithTheField(string url, string field)
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");

        await AssertFieldErrorAsync(await school.GetAsync(new Uri(url, UriKind.Relative)), field);
    }

    [Fact]
    public async Task WorkingDays_AcrossNationalDay_SkipsTheHolidayAndCountsTheMakeUpDays()
    {
        await using var factory = new HostFactory(databaseFile);
        var school = await factory.SignInAsync("school");

        var answer = await school.GetFromJsonAsync<JsonObject>("/api/calendar/working-days?from=2026-09-30&to=2026-10-12");

        // After 30 September: 1–7 October off (国庆节), 8 and 9 at work, Saturday 10 a make-up day, Sunday 11 off, 12 at work.
        Assert.Equal("2026-09-30", answer!["from"]!.GetValue<string>());
        Assert.Equal(4, answer["workingDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task Override_AddedByAnAdministrator_ChangesTheCalendarAtOnceAndIsAudited()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        var school = await factory.SignInAsync("school");
        Assert.Equal(1, await WorkingDaysAsync(school, "2026-12-30", "2026-12-31"));

        var added = await admin.PostAsJsonAsync("/api/calendar/overrides", new { date = "2026-12-31", isOffDay = true, name = "自治区成立纪念日调休" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(0, await WorkingDaysAsync(school, "2026-12-30", "2026-12-31"));
        var year = await school.GetFromJsonAsync<JsonObject>("/api/calendar?year=2026");
        var day = Day(year!, "2026-12-31");
        Assert.Equal(("自治区成立纪念日调休", true, "override", "管理员调整"),
            (day["name"]!.GetValue<string>(), day["isOffDay"]!.GetValue<bool>(), day["source"]!.GetValue<string>(), day["sourceName"]!.GetValue<string>()));

        await using var scope = factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<ApprovalsDb>().Audit.SingleAsync(a => a.Action == "calendar-override-added");
        Assert.Equal("2026-12-31", audit.Target);
        Assert.True(JsonNode.Parse(audit.Data)!["isOffDay"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Override_MakeUpWorkingDayOnAnOfficialHoliday_ReplacesTheOfficialDay()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        await admin.PostAsJsonAsync("/api/calendar/overrides", new { date = "2026-01-02", isOffDay = false, name = "集中办理日" });

        var year = await admin.GetFromJsonAsync<JsonObject>("/api/calendar?year=2026");
        var day = Day(year!, "2026-01-02");
        Assert.Equal(("集中办理日", false, "override"), (day["name"]!.GetValue<string>(), day["isOffDay"]!.GetValue<bool>(), day["source"]!.GetValue<string>()));
        Assert.Equal(22, year!["months"]![0]!["workingDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task Override_Removed_GivesTheDayBackAndIsAudited()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        await admin.PostAsJsonAsync("/api/calendar/overrides", new { date = "2026-12-31", isOffDay = true, name = "调休" });

        var removed = await admin.DeleteAsync(new Uri("/api/calendar/overrides/2026-12-31", UriKind.Relative));
        var again = await admin.DeleteAsync(new Uri("/api/calendar/overrides/2026-12-31", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(1, await WorkingDaysAsync(admin, "2026-12-30", "2026-12-31"));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Single(await scope.ServiceProvider.GetRequiredService<ApprovalsDb>().Audit.Where(a => a.Action == "calendar-override-removed").ToListAsync());
    }

    [Fact]
    public async Task Override_SameDateTwice_Is409()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        await admin.PostAsJsonAsync("/api/calendar/overrides", new { date = "2026-12-31", isOffDay = true, name = "调休" });

        var second = await admin.PostAsJsonAsync("/api/calendar/overrides", new { date = "2026-12-31", isOffDay = false, name = "上班" });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("操作冲突", problem!["title"]!.GetValue<string>());
        Assert.Equal(1, (await OverridesAndCalendarAuditAsync(factory)).Overrides);
    }

    [Theory]
    [InlineData("""{ "date": "2026-13-01", "isOffDay": true, "name": "调休" }""", "date")]
    [InlineData("""{ "date": "31/12/2026", "isOffDay": true, "name": "调休" }""", "date")]
    [InlineData("""{ "isOffDay": true, "name": "调休" }""", "date")]
    [InlineData("""{ "date": "2026-12-31", "name": "调休" }""", "isOffDay")]
    [InlineData("""{ "date": "2026-12-31", "isOffDay": true }""", "name")]
    [InlineData("""{ "date": "2026-12-31", "isOffDay": true, "name": "   " }""", "name")]
    [InlineData("""{ "date": "2026-12-31", "isOffDay": "yes", "name": "调休" }""", "isOffDay")]
    [InlineData("""{ "date": 20261231, "isOffDay": true, "name": "调休" }""", "date")]
    [InlineData("""{ "date": "2026-12-31", "isOffDay": true, "name": """, "name")]
    public async Task Override_BadBody_Is400WithTheFieldAndNothingIsWritten(string body, string field)
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var response = await admin.PostAsync(new Uri("/api/calendar/overrides", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertFieldErrorAsync(response, field);
        Assert.Equal((0, 0), await OverridesAndCalendarAuditAsync(factory));
    }

    [Fact]
    public async Task Override_NameTooLong_Is400()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/calendar/overrides", new { date = "2026-12-31", isOffDay = true, name = new string('休', 101) });

        await AssertFieldErrorAsync(response, "name");
    }

    [Fact]
    public async Task Override_RemoveWithABadDate_Is400()
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");

        await AssertFieldErrorAsync(await admin.DeleteAsync(new Uri("/api/calendar/overrides/2026-02-30", UriKind.Relative)), "date");
    }

    [Theory]
    [InlineData("school")]
    [InlineData("hohhot")]
    public async Task Override_NotAnAdministrator_Is403AndNothingIsWritten(string userName)
    {
        await using var factory = new HostFactory(databaseFile);
        var admin = await factory.SignInAsync("admin");
        await admin.PostAsJsonAsync("/api/calendar/overrides", new { date = "2026-12-31", isOffDay = true, name = "调休" });
        var before = await OverridesAndCalendarAuditAsync(factory);
        var user = await factory.SignInAsync(userName);

        var added = await user.PostAsJsonAsync("/api/calendar/overrides", new { date = "2026-12-30", isOffDay = true, name = "调休" });
        var removed = await user.DeleteAsync(new Uri("/api/calendar/overrides/2026-12-31", UriKind.Relative));

        foreach (var response in new[] { added, removed })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("无权操作", (await response.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.GetValue<string>());
        }

        Assert.Equal(before, await OverridesAndCalendarAuditAsync(factory));
        Assert.Equal(0, await WorkingDaysAsync(user, "2026-12-30", "2026-12-31"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    private static JsonObject Day(JsonObject year, string date) =>
        Assert.Single(year["days"]!.AsArray(), d => d!["date"]!.GetValue<string>() == date)!.AsObject();

    private static async Task<int> WorkingDaysAsync(HttpClient client, string from, string to) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/calendar/working-days?from={from}&to={to}"))!["workingDays"]!.GetValue<int>();

    private static async Task<(int Overrides, int Audit)> OverridesAndCalendarAuditAsync(HostFactory factory)
    {
        await using var db = factory.Services.GetRequiredService<WorkflowDatabase>().CreateContext();
        await using var scope = factory.Services.CreateAsyncScope();
        var appDb = scope.ServiceProvider.GetRequiredService<ApprovalsDb>();
        return (await db.CalendarOverrides.CountAsync(), await appDb.Audit.CountAsync(a => a.Action.StartsWith("calendar-")));
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected an error for “{field}”, got {errors.ToJsonString()}");
        Assert.All(errors, e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Value![0]!.GetValue<string>()));
    }
}
