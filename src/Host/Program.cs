// The approval engine's host: the engine on the configured database, sign-in and organisation scoping,
// the API (one group per feature, requests through Mediator), Hangfire timers, notifications and e-mail, health
// and metrics. `backup <file>` and `restore <file>` run against the configured database instead of serving.
using Approvals.Host.Features.Attachments;
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Calendar;
using Approvals.Host.Features.Cases;
using Approvals.Host.Features.Definitions;
using Approvals.Host.Features.Exports;
using Approvals.Host.Features.Health;
using Approvals.Host.Features.Majors;
using Approvals.Host.Features.Notifications;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Features.ReferenceData;
using Approvals.Host.Features.Selections;
using Approvals.Host.Features.Tasks;
using Approvals.Host.Features.Timers;
using Approvals.Host.Features.Users;
using Approvals.Host.Operations;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Host.Startup;
using Approvals.Workflows;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Prometheus;
using Scalar.AspNetCore;

var command = DatabaseCommand.Parse(args);
var builder = WebApplication.CreateBuilder(command?.HostArguments ?? args);
if (builder.Configuration.GetValue<bool>("Approvals:JsonLogs"))
{
    // One JSON object per line for a log collector; the console's plain text is for people.
    builder.Logging.ClearProviders().AddJsonConsole();
}

var connectionString = DatabaseSettings.Resolve(builder.Configuration, builder.Environment);
if (command is not null)
{
    Environment.ExitCode = await command.RunAsync(connectionString, Console.Out);
    return;
}

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ChineseProblems.Customize);
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new StrictJsonObjectConverter()));
builder.Services.AddOpenApi();
builder.Services.AddApprovalsDb(DatabaseSettings.Pool(connectionString, DatabasePool.Host));
builder.Services.AddApprovalsAuth(builder.Configuration);
builder.Services.AddScoped<CaseScope>();
builder.Services.AddScoped<NoticeBoard>();
builder.Services.AddScoped<DemoData>();
builder.Services.AddScoped<Names>();
builder.Services.AddScoped<OrganizationRecords>();
builder.Services.AddScoped<TaskRows>();
builder.Services.AddScoped<AttachmentLinker>();
builder.Services.AddScoped<BatchWindow>();
builder.Services.AddExports();
builder.Services.AddSingleton<IOrganizationDirectory, OrganizationDirectory>();
builder.Services.AddSingleton<IExpertPool, ExpertPool>();
builder.Services.AddSingleton<SchedulerProbe>();
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors =
        [typeof(LoggingBehaviour<,>), typeof(OutboxDispatchBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(UnitOfWorkBehaviour<,>)];
});
ValidatorOptions.Global.LanguageManager.Culture = new System.Globalization.CultureInfo("zh-CN");
builder.Services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
builder.Services.AddTimerScheduling(connectionString);
builder.Services.AddSingleton(new WorkflowOptions { ReminderWorkingDays = builder.Configuration.GetValue("Approvals:ReminderWorkingDays", 2) });
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddWorkflows(DatabaseSettings.Pool(connectionString, DatabasePool.Engine));
builder.Services.AddHostedService<StartupPreparation>();
builder.Services.AddHostedService<WorkListWarmUp>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseClientAppFiles();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseApiAntiforgery();
app.UseHttpMetrics();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealth();
app.MapMetrics("/metrics");
app.MapTimerDashboard();
app.MapAuth();
app.MapCases();
app.MapAttachments();
app.MapTasks();
app.MapDefinitions();
app.MapCalendar();
app.MapOrganizations();
app.MapUsers();
app.MapNotifications();
app.MapReferenceData();
app.MapMajors();
app.MapSelections();
app.MapExports();
app.MapClientApp();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
