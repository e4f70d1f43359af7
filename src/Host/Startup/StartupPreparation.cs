// Before the server takes its first request: migrate the database, seed the organisation tree (and demo users on
// the embedded default), publish the shipped definitions that changed, reschedule pending timers and register the
// recurring jobs (timer sweep, journal audit, notice dispatch, mail).
using System.Text.Json;
using Approvals.Host.Features.Health;
using Approvals.Host.Features.Notifications;
using Approvals.Host.Features.ReferenceData;
using Approvals.Host.Features.Timers;
using Approvals.Host.Persistence;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Approvals.Host.Startup;

internal sealed partial class StartupPreparation(
    WorkflowDatabase database,
    DefinitionStore definitions,
    IConfiguration configuration,
    IHostEnvironment environment,
    WorkflowRuntime runtime,
    ITimerScheduler scheduler,
    TimerStorage timerStorage,
    IServiceScopeFactory scopes,
    IRecurringJobManager recurringJobs,
    IOptions<SmtpSettings> smtp,
    TimeProvider clock,
    ILogger<StartupPreparation> logger) : IHostedLifecycleService
{
    /// <summary>StartingAsync runs before any hosted service starts, the web server included.</summary>
    public Task StartingAsync(CancellationToken cancellationToken) => PrepareAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var turn = await StartupTurn.TakeAsync(database, cancellationToken);
        try
        {
            await database.MigrateAsync(cancellationToken);
            await using (var host = ApprovalsDbRegistration.Create(database.ConnectionString))
            {
                await host.Database.MigrateAsync(cancellationToken);
            }

            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(DemoDataEnabled, configuration["Approvals:AdministratorPassword"], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep serving so /health can say what is wrong instead of the process crash-looping.
            LogMigrationFailed(logger, ex);
            return;
        }

        LogDatabase(logger, database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionStringBuilder(database.ConnectionString).DataSource
            : "PostgreSQL");

        var folder = FindDefinitionsFolder();
        if (folder is null)
        {
            LogNoDefinitions(logger);
        }
        else
        {
            await SeedListsAsync(Path.Combine(folder, "lists"), cancellationToken);
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                await PublishAsync(file, cancellationToken);
            }
        }

        if (!timerStorage.RemembersJobs)
        {
            // The in-memory job storage starts empty: the timer rows are the truth, so schedule them all again.
            var pending = await runtime.GetPendingTimersAsync(cancellationToken);
            foreach (var (id, dueAt) in pending)
            {
                scheduler.Schedule(id, dueAt);
            }

            LogRescheduled(logger, pending.Count);
        }

        recurringJobs.AddOrUpdate<TimerSweep>(TimerSweep.JobId, sweep => sweep.RunAsync(), Cron.Minutely);
        recurringJobs.AddOrUpdate<JournalAuditJob>(JournalAuditJob.JobId, audit => audit.RunAsync(), Cron.Minutely);
        recurringJobs.ScheduleNotificationJobs(smtp.Value);
    }

    /// <summary>Demo users only on the embedded default, unless configured either way.</summary>
    private bool DemoDataEnabled => configuration.GetValue<bool?>("Approvals:DemoData") ?? database.Provider == DatabaseProvider.Sqlite;

    private async Task SeedListsAsync(string folder, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = database.CreateContext();
            foreach (var id in await ReferenceListFile.SeedAsync(db, folder, clock, cancellationToken))
            {
                LogListCreated(logger, id);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException)
        {
            LogListUnreadable(logger, ex.Message);
        }
    }

    private async Task PublishAsync(string file, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        WorkflowDefinition definition;
        try
        {
            definition = await DefinitionJson.LoadAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException)
        {
            LogUnreadable(logger, name, ex.Message);
            return;
        }

        PublishResult result;
        try
        {
            result = await definitions.PublishAsync(definition with { Version = 0 }, "系统加载", onlyIfChanged: true, cancellationToken);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NullReferenceException)
        {
            // A file of an odd shape the validator does not expect (a duplicate key, a null list): skip it, keep starting.
            LogUnreadable(logger, name, ex.Message);
            return;
        }

        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems)
            {
                LogProblem(logger, name, problem.NodeId ?? "-", problem.Message);
            }

            return;
        }

        LogPublished(logger, name, result.Published!.Definition.Version, result.Changed ? "已发布新版本" : "未变化");
    }

    /// <summary>Configured folder, else the repository's definitions/ above the content root, else the copy beside the app.</summary>
    private string? FindDefinitionsFolder()
    {
        if (configuration["Approvals:DefinitionsPath"] is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "definitions");
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "definitions");
        return Directory.Exists(beside) ? beside : null;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "数据库迁移失败，服务将以不可用状态运行，请检查连接字符串")]
    private static partial void LogMigrationFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "数据库已就绪：{Location}")]
    private static partial void LogDatabase(ILogger logger, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "未找到 definitions 目录，没有加载任何流程定义")]
    private static partial void LogNoDefinitions(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "流程定义文件 {File} 无法读取：{Error}")]
    private static partial void LogUnreadable(ILogger logger, string file, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "流程定义文件 {File} 未发布，节点 {NodeId}：{Problem}")]
    private static partial void LogProblem(ILogger logger, string file, string nodeId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "已重新安排 {Count} 个未到期或待触发的定时器")]
    private static partial void LogRescheduled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "流程定义 {File}：第 {Version} 版，{State}")]
    private static partial void LogPublished(ILogger logger, string file, int version, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "已按文件建立参考目录 {List}")]
    private static partial void LogListCreated(ILogger logger, string list);

    [LoggerMessage(Level = LogLevel.Error, Message = "参考目录文件无法读取，已跳过：{Error}")]
    private static partial void LogListUnreadable(ILogger logger, string error);
}
