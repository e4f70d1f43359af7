// Deadlines through Hangfire: a timer row is written with its step, a delayed job fires it by id (handed to Hangfire
// off the request, TimerHandOff), and the engine's conditional update makes a second firing (another node, a retried
// job, the sweep) a no-op.
using Approvals.Host.Startup;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Npgsql;

namespace Approvals.Host.Features.Timers;

internal static class TimerScheduling
{
    public static IServiceCollection AddTimerScheduling(this IServiceCollection services, string connectionString)
    {
        var postgres = WorkflowDatabase.FromConnectionString(connectionString).Provider == DatabaseProvider.Postgres;
        services.AddHangfire(configuration =>
        {
            configuration.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (postgres)
            {
                // A worker finding the queue empty looks again after a second, not the default 15 s, so a due timer's
                // job is taken soon after the scheduler enqueues it (as on the in-memory storage). A node killed while
                // it held one of Hangfire's locks (the delayed-job poller's, the recurring jobs') or had fetched a job
                // leaves them behind: the other nodes take them over after a minute, not after the default 10 and 30
                // (two nodes, SIGKILL: 1,534 timers left due for minutes; every job here may run twice safely).
                configuration.UsePostgreSqlStorage(
                    options => options.UseNpgsqlConnection(DatabaseSettings.Pool(connectionString, DatabasePool.Hangfire)),
                    new PostgreSqlStorageOptions
                    {
                        QueuePollInterval = TimeSpan.FromSeconds(1),
                        DistributedLockTimeout = TimeSpan.FromMinutes(1),
                        InvisibilityTimeout = TimeSpan.FromMinutes(5),
                    });
            }
            else
            {
                configuration.UseInMemoryStorage();
            }
        });
        // Deadlines are coarse (days), but a notice period ending should not wait the default 15 s poll.
        services.AddHangfireServer(options => options.SchedulePollingInterval = TimeSpan.FromSeconds(1));
        services.AddSingleton<TimerHandOff>();
        services.AddSingleton<ITimerScheduler>(provider => provider.GetRequiredService<TimerHandOff>());
        services.AddHostedService(provider => provider.GetRequiredService<TimerHandOff>());
        services.AddSingleton(new TimerStorage(RemembersJobs: postgres));
        return services;
    }

    public static WebApplication MapTimerDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdministratorsOnlyDashboard()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "定时任务",
        });
        return app;
    }
}

/// <summary>Whether the job storage survives a restart; in-memory storage does not, so pending timers are rescheduled.</summary>
internal sealed record TimerStorage(bool RemembersJobs);

/// <summary>
/// The recurring safety net: every minute, fire whatever is due and still pending (a job lost with a crashed
/// node, a timer written while no scheduler ran). Firing is a conditional update on rows claimed with SKIP LOCKED,
/// so overlapping sweeps on several nodes share the work and fire each timer once. It takes no Hangfire lock: a
/// node killed mid-sweep would leave it held on PostgreSQL until it expired, and no node would sweep meanwhile
/// (two nodes, SIGKILL: 1,206 timers left due for minutes).
/// </summary>
public sealed partial class TimerSweep(WorkflowRuntime runtime, ILogger<TimerSweep> logger)
{
    public const string JobId = "timer-sweep";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync()
    {
        var fired = await runtime.FireDueTimersAsync();
        if (fired > 0)
        {
            LogFired(logger, fired);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "定时巡检补触发了 {Count} 个到期定时器")]
    private static partial void LogFired(ILogger logger, int count);
}

/// <summary>Only administrators see the Hangfire dashboard.</summary>
internal sealed class AdministratorsOnlyDashboard : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User.IsInRole(Features.Auth.Roles.Administrator);
}

/// <summary>The Hangfire job: fire one timer. Throwing makes Hangfire retry, which only happens while the row is still due.</summary>
public sealed partial class TimerJob(WorkflowRuntime runtime, ILogger<TimerJob> logger)
{
    [AutomaticRetry(Attempts = 10)]
    public async Task FireAsync(Guid timerId)
    {
        var id = new TimerId(timerId);
        var result = await runtime.FireTimerAsync(id);
        if (result.Succeeded || await runtime.GetTimerStateAsync(id) != TimerState.Pending)
        {
            return;
        }

        LogRetry(logger, timerId, result.Error ?? "");
        throw new InvalidOperationException($"定时器 {timerId} 暂未触发：{result.Error}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "定时器 {TimerId} 暂未触发，稍后重试：{Reason}")]
    private static partial void LogRetry(ILogger logger, Guid timerId, string reason);
}
