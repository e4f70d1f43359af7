// 工作台's warm-up after start: it finishes on an empty database and on one with open work, on SQLite and on
// PostgreSQL, changes nothing, and the work list answers as before.
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Features.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

public sealed class WorkListWarmUpTests : IDisposable
{
    private static readonly string Category = typeof(WorkListWarmUp).FullName!;

    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    public static TheoryData<string> Providers => TestPostgres.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WarmUp_EmptyDatabaseThenOpenWork_FinishesWritesNothingAndTheWorkListAnswers(string provider)
    {
        await using var postgres = provider == "postgres" ? await TestPostgres.CreateAsync() : null;
        var emptyLogs = new LogCapture();
        string caseId;
        await using (var empty = Node(postgres, emptyLogs))
        {
            empty.CreateClient().Dispose();
            AssertFinished(await emptyLogs.WaitForAsync(Category, TimeSpan.FromSeconds(60)));
            using var school = await empty.SignInAsync("school");
            caseId = await StartFilingAsync(school);
        }

        var logs = new LogCapture();
        await using var restarted = Node(postgres, logs);
        restarted.CreateClient().Dispose();
        var before = await CountRowsAsync(restarted);
        AssertFinished(await logs.WaitForAsync(Category, TimeSpan.FromSeconds(60)));

        Assert.Equal(before, await CountRowsAsync(restarted));
        using var city = await restarted.SignInAsync("hohhot");
        var page = await city.GetFromJsonAsync<JsonObject>("/api/tasks?list=todo&page=1&pageSize=20");
        Assert.Equal(1, page!["total"]!.GetValue<int>());
        Assert.Equal(caseId, page["items"]![0]!["caseId"]!.GetValue<string>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    private static void AssertFinished((LogLevel Level, string Message) line)
    {
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.StartsWith("工作台查询已预热", line.Message, StringComparison.Ordinal);
    }

    /// <summary>The engine's rows a stray write would show in: cases, tasks, journal, outbox.</summary>
    private static Task<(int, int, int, int)> CountRowsAsync(HostFactory factory) => factory.QueryEngineAsync(async db =>
        (await db.Instances.CountAsync(), await db.HumanTasks.CountAsync(), await db.Journal.CountAsync(), await db.Outbox.CountAsync()));

    private HostFactory Node(TestPostgres? postgres, LogCapture logs) => new(databaseFile)
    {
        ConnectionString = postgres?.ConnectionString,
        Logs = logs,
    };
}
