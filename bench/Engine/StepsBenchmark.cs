// Benchmark 1 of issue 8: cases of the ten-step approval driven through the runtime on a real database, against the
// rate of bare single-row commits on the same database measured just before. A step is one engine transaction that
// moves a case: its start, or one approval.
using System.Diagnostics;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Bench.Engine;

public static class StepsBenchmark
{
    /// <summary>Steps per case: the start and nine approvals.</summary>
    public const int StepsPerCase = 10;

    /// <summary>What one run of cases measured.</summary>
    public sealed record StepRun(int Steps, TimeSpan Elapsed, long AllocatedBytes, int Failures, int Unfinished)
    {
        public double StepsPerSecond => Steps / Elapsed.TotalSeconds;

        public double BytesPerStep => (double)AllocatedBytes / Steps;
    }

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var cases = options.Number("instances", 3, 600);
        var floorCommits = options.Number("floor-commits", 30, 3000);
        int[] drivers = [1, options.Number("drivers", 2, 4)];
        report.Heading($"steps: {cases} cases × {StepsPerCase} steps per run, {string.Join(" and ", drivers)} concurrent drivers");
        report.Note("A step is one engine transaction (a start or an approval); the floor is bare single-row insert-and-commit");
        report.Note("transactions on one connection, measured on the same database right before each run.");
        foreach (var provider in options.Databases)
        {
            await using var database = await BenchDatabase.CreateAsync(provider, "steps");
            await using var services = BenchEngine.Build(database.ConnectionString, TimeProvider.System);
            await BenchEngine.PrepareAsync(services);
            var runtime = services.GetRequiredService<WorkflowRuntime>();
            foreach (var count in drivers)
            {
                var floor = await CommitFloor.MeasureAsync(database, floorCommits);
                var run = await DriveAsync(services, runtime, cases, count);
                var name = $"{provider}, {count} driver{(count == 1 ? "" : "s")}";
                report.Figure($"{name}: commit floor", floor, "commits/s");
                report.Figure($"{name}: engine", run.StepsPerSecond, $"steps/s ({run.Steps} steps in {run.Elapsed.TotalSeconds:0.0} s)");
                report.Ratio($"{name}: engine steps / commit floor", run.StepsPerSecond, floor, "steps/s", Goal.AtLeast(0.5));
                report.Figure($"{name}: allocated per step on the database", run.BytesPerStep, "bytes");
                report.Figure($"{name}: failed steps", run.Failures, "", Goal.AtMost(0));
                report.Figure($"{name}: cases not finished", run.Unfinished, "", Goal.AtMost(0));
            }
        }
    }

    /// <summary>
    /// Starts the cases, then approves every open task, level by level, with <paramref name="drivers"/> concurrent
    /// drivers; only the engine's calls are timed (each level's open tasks are listed between the timed waves).
    /// </summary>
    public static async Task<StepRun> DriveAsync(IServiceProvider services, WorkflowRuntime runtime, int cases, int drivers)
    {
        var database = services.GetRequiredService<WorkflowDatabase>();
        var elapsed = TimeSpan.Zero;
        long allocated = 0;
        var failures = 0;
        var steps = 0;
        var started = new InstanceId[cases];
        async Task WaveAsync(int count, Func<int, Task<RunResult>> step)
        {
            var next = -1;
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, drivers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    if (!(await step(i)).Succeeded)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            })));
            elapsed += clock.Elapsed;
            allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
            steps += count;
        }

        await WaveAsync(cases, async i =>
        {
            var result = await runtime.StartAsync(BenchEngine.TenStepCase(i));
            started[i] = result.InstanceId ?? default;
            return result;
        });
        for (var level = 1; level < StepsPerCase; level++)
        {
            List<TaskId> open;
            await using (var db = database.CreateContext())
            {
                open = await db.HumanTasks.AsNoTracking()
                    .Where(t => t.DefinitionId == BenchEngine.TenSteps && t.Status == HumanTaskStatus.Open)
                    .Select(t => t.Id)
                    .ToListAsync();
            }

            await WaveAsync(open.Count, i => runtime.CompleteTaskAsync(open[i], new TaskDecision("approve", "reviewer") { Comment = "同意" }));
        }

        int finished;
        await using (var db = database.CreateContext())
        {
            finished = await db.Instances.CountAsync(i => started.Contains(i.Id) && i.Status == InstanceStatus.Finished);
        }

        return new StepRun(steps, elapsed, allocated, failures, cases - finished);
    }
}
