// Registers the engine in a service collection: one call, as every module of the host does.
using System.Reflection;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Journal;
using Approvals.Workflows.Expressions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Approvals.Workflows;

public static class WorkflowServices
{
    /// <summary>
    /// The engine on the database the connection string names ("Data Source=…" for SQLite, "Host=…" for PostgreSQL).
    /// Extra assemblies contribute domain activities to the catalogue.
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, string connectionString, params Assembly[] activityAssemblies)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOrganizationDirectory, FlatOrganizationDirectory>();
        services.TryAddSingleton<IExpertPool, EmptyExpertPool>();
        services.TryAddSingleton<IRandomSource, SharedRandomSource>();
        services.TryAddSingleton<ITimerScheduler, NoTimerScheduler>();
        services.TryAddSingleton(new WorkflowOptions());
        services.AddSingleton(WorkflowDatabase.FromConnectionString(connectionString));
        services.AddSingleton(new ActivityRegistry([typeof(Activity).Assembly, .. activityAssemblies]));
        services.AddSingleton(new ExpressionEvaluator());
        services.AddSingleton<CalendarSource>();
        services.AddSingleton<DefinitionValidator>();
        services.AddSingleton<DefinitionStore>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<DryRunner>();
        services.AddSingleton<JournalAudit>();
        return services;
    }
}
