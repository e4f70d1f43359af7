// The real host on a fresh SQLite file of its own (or a given connection string), optionally with another
// definitions folder and a fake clock; signs in as the demo users.
using System.Net.Http.Json;
using Approvals.Host.Startup;
using Hangfire.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Host.Tests;

public sealed class HostFactory(string databaseFile, string? definitionsPath = null) : WebApplicationFactory<Program>
{
    private static readonly Lock StartingOneAtATime = new();

    public FakeTimeProvider? Clock { get; init; }

    /// <summary>A full connection string (PostgreSQL) instead of the SQLite file.</summary>
    public string? ConnectionString { get; init; }

    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Receives what the host logs, for a test that waits on a background job's log line.</summary>
    public ILoggerProvider? Logs { get; init; }

    public static string NewDatabaseFile() => Path.Combine(Path.GetTempPath(), $"approvals-host-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Approvals", ConnectionString ?? $"Data Source={databaseFile};Pooling=False");
        builder.UseSetting("Approvals:DemoData", "true");
        builder.UseSetting("Approvals:SignInAttemptsPerMinute", "10000");
        if (definitionsPath is not null)
        {
            builder.UseSetting("Approvals:DefinitionsPath", definitionsPath);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }

        if (Logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }

    /// <summary>
    /// Hangfire keeps process-wide globals that each host sets as it starts: the job storage and activator (read
    /// once into the host's own singletons during start-up) and the log provider (read whenever a logger is made).
    /// Test classes start and dispose hosts side by side. Starting one host at a time keeps each host's singletons
    /// on its own storage rather than on a neighbour's; and since a logger made after the last host to start is
    /// disposed would fail (enqueuing a job whose filter attribute logs, say), Hangfire's log goes nowhere: no
    /// test reads it.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (StartingOneAtATime)
        {
            var host = base.CreateHost(builder);
            LogProvider.SetCurrentLogProvider(SilentHangfireLog.Instance);
            return host;
        }
    }

    /// <summary>A client signed in as a demo user, sending the antiforgery header with every request.</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = DemoData.Password });
        response.EnsureSuccessStatusCode();
        await AddAntiforgeryAsync(client);
        return client;
    }

    public static async Task AddAntiforgeryAsync(HttpClient client)
    {
        var token = await client.GetFromJsonAsync<AntiforgeryToken>("/api/auth/antiforgery");
        client.DefaultRequestHeaders.Remove(token!.HeaderName);
        client.DefaultRequestHeaders.Add(token.HeaderName, token.Token);
    }

    public static void DeleteDatabase(string file)
    {
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }

    private sealed record AntiforgeryToken(string Token, string HeaderName);

    private sealed class SilentHangfireLog : ILogProvider, ILog
    {
        public static readonly SilentHangfireLog Instance = new();

        public ILog GetLogger(string name) => this;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
