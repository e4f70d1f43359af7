// On PostgreSQL the engine, the host's own tables and Hangfire each draw from a pool of their own, so no connection
// ever waits for a second one from the pool it came from: a step holds its engine connection in a transaction while it
// asks the organisation tree (the host's table) who reviews next. From one shared pool, as many steps at once as the
// pool has connections held them all while each waited for another, until the open timed out.
using System.Net;
using System.Net.Http.Json;
using Approvals.Host.Startup;
using Npgsql;

namespace Approvals.Host.Tests.Persistence;

public sealed class DatabasePoolsTests : IDisposable
{
    private const string Server = "Host=db.example;Username=approvals;Password=secret;Database=approvals";

    private static readonly string[] Schools = ["school", "school2", "school3"];

    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    public static TheoryData<string> Providers => TestPostgres.Providers;

    [Fact]
    public void Pool_PostgresWithoutASize_GivesEachUserItsOwnNamedPool()
    {
        var engine = new NpgsqlConnectionStringBuilder(DatabaseSettings.Pool(Server, DatabasePool.Engine));
        var host = new NpgsqlConnectionStringBuilder(DatabaseSettings.Pool(Server, DatabasePool.Host));
        var hangfire = new NpgsqlConnectionStringBuilder(DatabaseSettings.Pool(Server, DatabasePool.Hangfire));

        Assert.Equal(("approvals-engine", 40), (engine.ApplicationName, engine.MaxPoolSize));
        Assert.Equal(("approvals-host", 20), (host.ApplicationName, host.MaxPoolSize));
        Assert.Equal(("approvals-hangfire", 20), (hangfire.ApplicationName, hangfire.MaxPoolSize));
        Assert.All([engine, host, hangfire], b => Assert.Equal(("db.example", "approvals", "secret"), (b.Host, b.Username, b.Password)));
    }

    [Theory]
    [InlineData("Maximum Pool Size=12")]
    [InlineData("MaxPoolSize=12")]
    public void Pool_PostgresWithASize_KeepsItForTheEngineOnly(string size)
    {
        Assert.Equal(12, new NpgsqlConnectionStringBuilder(DatabaseSettings.Pool($"{Server};{size}", DatabasePool.Engine)).MaxPoolSize);
        Assert.Equal(20, new NpgsqlConnectionStringBuilder(DatabaseSettings.Pool($"{Server};{size}", DatabasePool.Host)).MaxPoolSize);
    }

    [Fact]
    public void Pool_Sqlite_IsTheConnectionStringAsGiven()
    {
        Assert.Equal("Data Source=/tmp/a.db", DatabaseSettings.Pool("Data Source=/tmp/a.db", DatabasePool.Engine));
    }

    /// <summary>Eight filings at once on an engine pool of two: each step resolves the city above the school mid-transaction.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Filings_MoreAtOnceThanTheEnginePoolHolds_AreAllFiled(string provider)
    {
        await using var postgres = provider == "postgres" ? await TestPostgres.CreateAsync() : null;
        await using var factory = new HostFactory(databaseFile)
        {
            // Two engine connections, and an open that gives up after 3 s instead of 15 if none comes back.
            ConnectionString = postgres is null ? null : new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { MaxPoolSize = 2, Timeout = 3 }.ConnectionString,
        };
        var schools = await Task.WhenAll(Schools.Select(factory.SignInAsync));

        var filings = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            schools[i % schools.Length].PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form = ApiSteps.MajorForm($"专业{i}") })));

        Assert.All(filings, f => Assert.Equal(HttpStatusCode.Created, f.StatusCode));
        var city = await factory.SignInAsync("hohhot");
        var todo = await city.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/tasks?list=todo&pageSize=50");
        Assert.Equal(6, todo!["total"]!.GetValue<int>());
    }

    public void Dispose() => HostFactory.DeleteDatabase(databaseFile);
}
