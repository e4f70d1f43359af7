// Benchmark 1 of issue 8, its memory half: bytes allocated per engine step. BenchmarkDotNet (MemoryDiagnoser, in
// process) measures the step without a disk: the runtime talks to EF Core and cannot run without a database, so the
// database is SQLite in memory; the journal's hashing, which the runtime does separate, is measured on its own. The
// same step on the real databases is measured around the steps benchmark's run (GC.GetTotalAllocatedBytes).
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Bench.Engine;

public static class AllocationsBenchmark
{
    public static async Task RunAsync(BenchOptions options, Report report)
    {
        report.Heading("allocations: bytes allocated per engine step");
        var summary = BenchmarkRunner.Run<StepAllocations>(Config(options.Smoke));
        var inMemory = BytesPerOperation(summary, nameof(StepAllocations.TenStepCase));
        var hash = BytesPerOperation(summary, nameof(StepAllocations.JournalHash));
        report.Note($"BenchmarkDotNet {(options.Smoke ? "Job.Dry (one invocation: a rough figure)" : "short run")}, in process, MemoryDiagnoser.");
        report.Figure("one step, SQLite in memory (BenchmarkDotNet)", inMemory, "bytes/step");
        report.Figure("one journal entry's hash (BenchmarkDotNet)", hash, "bytes");

        var cases = options.Number("instances", 3, 200);
        foreach (var provider in options.Databases)
        {
            await using var database = await BenchDatabase.CreateAsync(provider, "allocations");
            await using var services = BenchEngine.Build(database.ConnectionString, TimeProvider.System);
            await BenchEngine.PrepareAsync(services);
            var runtime = services.GetRequiredService<WorkflowRuntime>();
            await StepsBenchmark.DriveAsync(services, runtime, Math.Max(1, cases / 10), 1); // warm-up: EF's compiled queries
            var run = await StepsBenchmark.DriveAsync(services, runtime, cases, 1);
            report.Figure($"{provider}: one step on the database (GC.GetTotalAllocatedBytes, {run.Steps} steps)", run.BytesPerStep, "bytes/step");
            report.Ratio($"{provider}: step on the database / step in memory", run.BytesPerStep, inMemory, "bytes/step");
            report.Figure($"{provider}: failed steps", run.Failures, "", Goal.AtMost(0));
        }
    }

    private static double BytesPerOperation(BenchmarkDotNet.Reports.Summary summary, string method)
    {
        var run = summary.Reports.SingleOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)
                  ?? throw new InvalidOperationException($"BenchmarkDotNet did not run {method}.");
        return run.GcStats.GetBytesAllocatedPerOperation(run.BenchmarkCase)
               ?? throw new InvalidOperationException($"BenchmarkDotNet measured no allocations for {method}.");
    }

    private static ManualConfig Config(bool smoke)
    {
        var job = (smoke ? Job.Dry : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(smoke ? NullLogger.Instance : ConsoleLogger.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "approvals-bench-allocations"))
            // The smoke test runs it from a Debug build; the figure that counts comes from bench/run's Release build.
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.JoinSummary);
    }
}

/// <summary>The in-memory part of a step, for BenchmarkDotNet.</summary>
[MemoryDiagnoser]
public class StepAllocations : IDisposable
{
    private readonly JournalEntry entry = new()
    {
        InstanceId = new InstanceId(Guid.CreateVersion7()),
        Sequence = 7,
        At = JournalChain.Normalize(BenchEngine.StormStart),
        Kind = "decision",
        NodeId = "approval3",
        Actor = "reviewer",
        Data = """{"taskId":"0199a4f2-6f1e-7c3a-9d2b-3c4e5f6a7b8c","outcome":"approve","comment":"同意","returnTo":null}""",
        PreviousHash = new string('a', 64),
        Hash = "",
    };

    private SqliteConnection? keepAlive;
    private ServiceProvider? services;
    private WorkflowRuntime? runtime;
    private SqliteCommand? openTask;
    private int index;

    [GlobalSetup]
    public void Setup()
    {
        // A shared in-memory database lives as long as one connection to it is open.
        var connectionString = $"Data Source=file:steps-{Guid.NewGuid():N}?mode=memory&cache=shared";
        keepAlive = new SqliteConnection(connectionString);
        keepAlive.Open();
        services = BenchEngine.Build(connectionString, TimeProvider.System);
        BenchEngine.PrepareAsync(services).GetAwaiter().GetResult();
        runtime = services.GetRequiredService<WorkflowRuntime>();
        openTask = keepAlive.CreateCommand();
        openTask.CommandText = "SELECT Id FROM wf_tasks WHERE Status = 'Open' LIMIT 1";
    }

    /// <summary>A whole case, start and nine approvals; per operation is per step. One case is open at a time, so the task to approve is the one open task.</summary>
    [Benchmark(OperationsPerInvoke = StepsBenchmark.StepsPerCase)]
    public async Task TenStepCase()
    {
        var started = await runtime!.StartAsync(BenchEngine.TenStepCase(index++));
        Check(started);
        for (var step = 1; step < StepsBenchmark.StepsPerCase; step++)
        {
            var task = new TaskId(Guid.Parse((string)openTask!.ExecuteScalar()!));
            Check(await runtime.CompleteTaskAsync(task, new TaskDecision("approve", "reviewer") { Comment = "同意" }));
        }
    }

    [Benchmark]
    public string JournalHash() => JournalChain.Hash(entry);

    [GlobalCleanup]
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            openTask?.Dispose();
            services?.Dispose();
            keepAlive?.Dispose();
        }
    }

    private static void Check(RunResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"A benchmark step failed: {result.Status} {result.Error}");
        }
    }
}
