// A fresh database with the real Host serving it: the Host prepares it (migrations, organisation tree, demo users,
// published definitions), then the seeding tool writes the cases under it. Disposing stops the Host and drops the database.
namespace Approvals.Bench.Scale;

internal sealed class SeededHost : IAsyncDisposable
{
    private SeededHost(BenchDatabase database, HostProcess host, SeedResult seed)
    {
        Database = database;
        Host = host;
        Seed = seed;
        Cases = seed.Cases;
    }

    public BenchDatabase Database { get; }

    public HostProcess Host { get; }

    /// <summary>The first seed's figures (the cases it wrote, their rows, how long it took).</summary>
    public SeedResult Seed { get; }

    /// <summary>Every seeded case, the first seed's and any added since.</summary>
    public int Cases { get; private set; }

    public static async Task<SeededHost> StartAsync(string provider, int cases)
    {
        var database = await BenchDatabase.CreateAsync(provider, "scale");
        HostProcess? host = null;
        try
        {
            host = await StartHostAsync(database.ConnectionString);
            var seed = await ScaleSeed.RunAsync(database, cases);
            return new SeededHost(database, host, seed);
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds cases beside those already there while the Host keeps serving.</summary>
    public async Task<SeedResult> SeedMoreAsync(int cases)
    {
        var more = await ScaleSeed.RunAsync(Database, cases, first: Cases);
        Cases += cases;
        return more;
    }

    /// <summary>The Host on a database, demo users on PostgreSQL too, sign-in not rate limited, quiet.</summary>
    public static Task<HostProcess> StartHostAsync(string connectionString) => HostProcess.StartAsync(new HostOptions
    {
        ConnectionString = connectionString,
        KeepOutput = false,
        HealthTimeout = TimeSpan.FromMinutes(5),
        Settings = new Dictionary<string, string>
        {
            ["Approvals:DemoData"] = "true",
            ["Approvals:SignInAttemptsPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        },
    });

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
    }
}
