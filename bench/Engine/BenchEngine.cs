// The engine as a host builds it (AddWorkflows on a connection string), on a benchmark's database, with the
// benchmark's definitions published and a clock the benchmark controls.
using System.Reflection;
using Approvals.Workflows;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Approvals.Bench.Engine;

internal static class BenchEngine
{
    /// <summary>Start plus nine approvals in sequence: ten steps from start to finish when every approver agrees.</summary>
    public const string TenSteps = "bench-ten-steps";

    /// <summary>One Timer node at 2026-03-02 10:00 Beijing time between start and end.</summary>
    public const string TimerStorm = "bench-timer-storm";

    /// <summary>Monday 2 March 2026, 09:00 in Beijing: an hour before the storm's timers are due.</summary>
    public static readonly DateTimeOffset StormStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The instant every storm timer is due.</summary>
    public static readonly DateTimeOffset StormDue = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The engine's services alone, with warnings only in the log.</summary>
    public static ServiceProvider Build(string connectionString, TimeProvider clock) =>
        Register(new ServiceCollection(), connectionString, clock).BuildServiceProvider();

    public static IServiceCollection Register(IServiceCollection services, string connectionString, TimeProvider clock)
    {
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(clock);
        return services.AddWorkflows(connectionString);
    }

    /// <summary>Migrates the database and publishes the benchmark's definitions.</summary>
    public static async Task PrepareAsync(IServiceProvider services)
    {
        await services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        var store = services.GetRequiredService<DefinitionStore>();
        foreach (var name in new[] { "ten-step-approval.json", "timer-storm.json" })
        {
            var result = await store.PublishAsync(DefinitionJson.Parse(Resource(name)), "bench");
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"{name}: {string.Join("; ", result.Problems.Select(p => $"{p.NodeId}: {p.Message}"))}");
            }
        }
    }

    /// <summary>A case of the ten-step definition as a school's applicant starts it.</summary>
    public static StartRequest TenStepCase(int index) => new(TenSteps)
    {
        Title = $"基准申请 {index}",
        InitiatorUserId = "applicant",
        InitiatorOrgId = "school",
    };

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Definitions.{name}")
                           ?? throw new InvalidOperationException($"Definitions.{name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
