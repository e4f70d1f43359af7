// bench/run history: starting a case, resuming its task and listing 待办 must cost the same on a database of a million
// cases as on one of a thousand, and with 200 published versions of the definition as with one. One Host serves one
// database through three phases: a thousand cases; then the seed brings it to a million; then the definition is
// published again until it has 200 versions. Each phase runs the same rounds, and each ratio is a phase's median
// against the first's.
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
            report.Heading($"history · {small:N0} then {large:N0} cases, then {versions} versions · {provider}");
            await using var seeded = await SeededHost.StartAsync(provider, small);
            using var round = await Round.SignInAsync(seeded.Host);

            var few = await round.MeasureAsync(rounds);
            var more = await seeded.SeedMoreAsync(large - small);
            report.Note($"{more.Cases:N0} cases added in {more.Elapsed.TotalSeconds:0.0} s ({more.Rows:N0} rows)");
            var many = await round.MeasureAsync(rounds);
            await PublishAsync(seeded.Database.ConnectionString, versions - 1);
            report.Note($"{versions - 1} versions of {SeedDirectory.DefinitionId} published");
            var versioned = await round.MeasureAsync(rounds);

            report.Figure($"{provider} errors", round.Errors, "");
            foreach (var (name, pick) in new (string, Func<Phase, Latencies>)[] { ("start a case", p => p.Start), ("resume its task", p => p.Resume), ("list 待办", p => p.List) })
            {
                report.Note($"{name}: p50 {Report.Format(pick(few).Percentile(50))} / {Report.Format(pick(many).Percentile(50))} / {Report.Format(pick(versioned).Percentile(50))} ms, "
                    + $"p99 {Report.Format(pick(few).Percentile(99))} / {Report.Format(pick(many).Percentile(99))} / {Report.Format(pick(versioned).Percentile(99))} ms "
                    + $"({small:N0} cases / {large:N0} cases / and {versions} versions)");
                report.Ratio($"{provider} {name}: {large:N0} against {small:N0} cases (p50)", pick(many).Percentile(50), pick(few).Percentile(50), "ms", Goal.AtMost(1.3));
                report.Ratio($"{provider} {name}: {versions} versions against 1 (p50)", pick(versioned).Percentile(50), pick(many).Percentile(50), "ms", Goal.AtMost(1.3));
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

    private sealed record Phase(Latencies Start, Latencies Resume, Latencies List);

    /// <summary>One round: the school starts a case, the city lists 待办 and approves the new case's task.</summary>
    private sealed class Round : IDisposable
    {
        private readonly ApiClient school;
        private readonly ApiClient city;

        private Round(ApiClient school, ApiClient city)
        {
            this.school = school;
            this.city = city;
        }

        public int Errors { get; private set; }

        public static async Task<Round> SignInAsync(HostProcess host)
        {
            var school = await ApiClient.SignInAsync(host, "school");
            try
            {
                return new Round(school, await ApiClient.SignInAsync(host, "hohhot"));
            }
            catch
            {
                school.Dispose();
                throw;
            }
        }

        public async Task<Phase> MeasureAsync(int rounds)
        {
            var phase = new Phase(new(), new(), new());
            await RunAsync(null);
            for (var i = 0; i < rounds; i++)
            {
                await RunAsync(phase);
            }

            return phase;
        }

        private async Task RunAsync(Phase? phase)
        {
            var form = new JsonObject
            {
                ["majorCode"] = "0103", ["majorName"] = "数控加工技术", ["teachers"] = 12, ["trainingFacilities"] = "数控实训楼",
                ["partnerEnterprise"] = "内蒙古第一机械集团", ["labourDemand"] = "需求旺盛", ["plannedEnrolment"] = 45,
            };
            var started = await Timed(phase?.Start, () => school.PostAsync("/api/cases", new { definitionId = SeedDirectory.DefinitionId, form }));
            var caseId = started!["id"]!.GetValue<string>();
            var page = await Timed(phase?.List, () => city.GetAsync("/api/tasks?list=todo"));
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
            await Timed(phase?.Resume, () => city.PostAsync($"/api/tasks/{task["taskId"]!.GetValue<string>()}/approve", decision));
        }

        public void Dispose()
        {
            school.Dispose();
            city.Dispose();
        }

        private static Task<T> Timed<T>(Latencies? latencies, Func<Task<T>> action) => latencies is null ? action() : latencies.TimeAsync(action);
    }
}
