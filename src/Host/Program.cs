// The approval engine's host: the engine on the configured database, start-up preparation, and the API.
using Approvals.Host.Features.Health;
using Approvals.Host.Features.Timers;
using Approvals.Host.Startup;
using Approvals.Workflows;

var builder = WebApplication.CreateBuilder(args);
var connectionString = DatabaseSettings.Resolve(builder.Configuration, builder.Environment);

builder.Services.AddProblemDetails();
builder.Services.AddTimerScheduling(connectionString);
builder.Services.AddWorkflows(connectionString);
builder.Services.AddHostedService<StartupPreparation>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealth();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
