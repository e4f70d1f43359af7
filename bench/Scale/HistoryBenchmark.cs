// bench/run history: starting a case, resuming its task and listing 待办 must cost the same on a database of a million
// cases as on one of a thousand, and with 200 published versions of the definition as with one. Three Hosts serve
// the three databases side by side and every round goes to each in turn, so the shared machine's noise falls on all.
using System.Text.Json.Nodes;
using Approvals.Workflows;
using Approvals.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Bench.Scale;

public static class HistoryBenchmark
{
    private static readonly string[] Checklist = ["产业和劳动力市场需求", "专任教师队伍", "实训场地与设备", "校企合作企业", "人才培养方案与课程设置", "招生计划与办学规模"];

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var small = options.Number("small", 100, 1_000);
        var large = options.Number("cases", 2_000, 1_000_000);
        var versions = options.Number("versions", 3, 200);
        var rounds = options.Number("rounds", 3, 40);
        foreach (var provider in options.Databases)
        {
            report.Heading($"history · {small:N0} vs {large:N0} cases, 1 vs {versions} versions · {provider}");
            await using var few = await SeededHost.StartAsync(provider, small);
            await using var many = await SeededHost.StartAsync(provider, large);
            await using var versioned = await SeededHost.StartAsync(provider, small);
            await PublishAsync(versioned.Database.ConnectionString, versions - 1);
            report.Note($"{many.Seed.Cases:N0} cases seeded in {many.Seed.Elapsed.TotalSeconds:0.0} s; {versions - 1} versions published on the third database");

            var runs = new[] { new Run(few), new Run(many), new Run(versioned) };
            try
            {
                foreach (var run in runs)
                {
                    await run.SignInAsync();
                    await run.RoundAsync(record: false);
                }

                for (var i = 0; i < rounds; i++)
                {
                    foreach (var run in runs)
                    {
                        await run.RoundAsync(record: true);
                    }
                }

                report.Figure($"{provider} errors", runs.Sum(r => r.Errors), "");
                foreach (var (name, pick) in new (string, Func<Run, Latencies>)[] { ("start a case", r => r.Start), ("resume its task", r => r.Resume), ("list 待办", r => r.List) })
                {
                    report.Note($"{name}: p50 {Report.Format(pick(runs[0]).Percentile(50))} / {Report.Format(pick(runs[1]).Percentile(50))} / {Report.Format(pick(runs[2]).Percentile(50))} ms, "
                        + $"p99 {Report.Format(pick(runs[0]).Percentile(99))} / {Report.Format(pick(runs[1]).Percentile(99))} / {Report.Format(pick(runs[2]).Percentile(99))} ms "
                        + $"({small:N0} cases / {large:N0} cases / {versions} versions)");
                    report.Ratio($"{provider} {name}: {large:N0} against {small:N0} cases (p50)", pick(runs[1]).Percentile(50), pick(runs[0]).Percentile(50), "ms", Goal.AtMost(1.3));
                    report.Ratio($"{provider} {name}: {versions} versions against 1 (p50)", pick(runs[2]).Percentile(50), pick(runs[0]).Percentile(50), "ms", Goal.AtMost(1.3));
                }
            }
            finally
            {
                foreach (var run in runs)
                {
                    run.Dispose();
                }
            }
        }
    }

    /// <summary>Publishes the shipped 专业增设备案 again and again, each time with a new name, through the engine's store.</summary>
    private static async Task PublishAsync(string connectionString, int times)
    {
        await using var services = new ServiceCollection().AddWorkflows(connectionString).BuildServiceProvider();
        var store = services.GetRequiredService<DefinitionStore>();
        var file = Path.Combine(HostProcess.RepositoryRoot(), "definitions", $"{SeedDirectory.DefinitionId}.json");
        var definition = await DefinitionJson.LoadAsync(file, CancellationToken.None);
        for (var i = 1; i <= times; i++)
        {
            var result = await store.PublishAsync(definition with { Version = 0, Name = $"{definition.Name}（修订 {i}）" }, "bench", onlyIfChanged: false, CancellationToken.None);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Publishing version {i} failed: {string.Join("; ", result.Problems.Select(p => p.Message))}");
            }
        }
    }

    /// <summary>One database's round: the school starts a case, the city lists 待办 and approves the new case's task.</summary>
    private sealed class Run(SeededHost seeded) : IDisposable
    {
        private ApiClient? school;
        private ApiClient? city;

        public Latencies Start { get; } = new();

        public Latencies Resume { get; } = new();

        public Latencies List { get; } = new();

        public int Errors { get; private set; }

        public async Task SignInAsync()
        {
            school = await ApiClient.SignInAsync(seeded.Host, "school");
            city = await ApiClient.SignInAsync(seeded.Host, "hohhot");
        }

        public async Task RoundAsync(bool record)
        {
            var form = new JsonObject
            {
                ["majorCode"] = "0103", ["majorName"] = "数控加工技术", ["teachers"] = 12, ["trainingFacilities"] = "数控实训楼",
                ["partnerEnterprise"] = "内蒙古第一机械集团", ["labourDemand"] = "需求旺盛", ["plannedEnrolment"] = 45,
            };
            var started = await Timed(record ? Start : null, () => school!.PostAsync("/api/cases", new { definitionId = SeedDirectory.DefinitionId, form }));
            var caseId = started!["id"]!.GetValue<string>();
            var page = await Timed(record ? List : null, () => city!.GetAsync("/api/tasks?list=todo"));
            var task = page["items"]!.AsArray().FirstOrDefault(row => row!["caseId"]!.GetValue<string>() == caseId);
            if (task is null)
            {
                Errors++;
                return;
            }

            var decision = new
            {
                comment = "同意",
                data = new { checklist = Checklist.Select(item => new { item, verdict = "符合" }).ToArray() },
            };
            await Timed(record ? Resume : null, () => city!.PostAsync($"/api/tasks/{task["taskId"]!.GetValue<string>()}/approve", decision));
        }

        public void Dispose()
        {
            school?.Dispose();
            city?.Dispose();
        }

        private static Task<T> Timed<T>(Latencies? latencies, Func<Task<T>> action) => latencies is null ? action() : latencies.TimeAsync(action);
    }
}
