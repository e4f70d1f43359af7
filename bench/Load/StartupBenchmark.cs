// Benchmark 6, start-up and footprint: the time from the Host's process start to its first 200 on /health on an
// existing database (created, migrated and seeded by a first start beforehand), and its working set at idle, both
// against a minimal ASP.NET Core application with one /health endpoint started the same way in the same run.
namespace Approvals.Bench.Load;

public static class StartupBenchmark
{
    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var starts = options.Number("starts", 1, 7);
        var idle = TimeSpan.FromMilliseconds(options.Number("idle-ms", 300, 3000));
        var settings = new Dictionary<string, string> { ["Approvals:DemoData"] = "true" };

        var minimalTimes = new List<double>();
        var minimalSets = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            await using var minimal = await MinimalWebApp.StartAsync();
            minimalTimes.Add(minimal.StartedIn.TotalSeconds);
            await Task.Delay(idle);
            minimalSets.Add(minimal.WorkingSet() / 1048576.0);
        }

        foreach (var provider in options.Databases)
        {
            report.Heading($"Start-up and footprint · {provider} · {starts} starts on an existing database · working set read {idle.TotalSeconds:0.0} s after start-up");
            await using var database = await BenchDatabase.CreateAsync(provider, "startup");
            var hostOptions = new HostOptions { ConnectionString = database.ConnectionString, Settings = settings };
            await using (var first = await HostProcess.StartAsync(hostOptions))
            {
                report.Figure("first start (migrate, seed, publish the definitions)", first.StartedIn.TotalSeconds, "s");
            }

            var hostTimes = new List<double>();
            var hostSets = new List<double>();
            for (var i = 0; i < starts; i++)
            {
                await using var host = await HostProcess.StartAsync(hostOptions);
                hostTimes.Add(host.StartedIn.TotalSeconds);
                await Task.Delay(idle);
                hostSets.Add(host.WorkingSet() / 1048576.0);
            }

            report.Note($"Host starts: {string.Join(", ", hostTimes.Select(Report.Format))} s; minimal app: {string.Join(", ", minimalTimes.Select(Report.Format))} s");
            report.Ratio("start-up to first 200 on /health, Host / minimal app (median)", Median(hostTimes), Median(minimalTimes), "s");
            report.Ratio("working set at idle, Host / minimal app (median)", Median(hostSets), Median(minimalSets), "MB");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
