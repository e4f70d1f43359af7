// bench/run worklists: 待办, 已办 and 超时 (and the tab counts) of a school, a city and the province, over HTTP from the
// real Host on a seeded database, each with paging and filters; p50/p99 against a signed-in round trip of the same
// Host, and the plans of the lists' own queries with the indexes they use.
using System.Globalization;
using Approvals.Host.Features.Tasks;

namespace Approvals.Bench.Scale;

public static class WorkListBenchmark
{
    /// <summary>The demo users whose lists are measured: a school's applicant, a city's reviewer, the province's reviewer.</summary>
    public static readonly IReadOnlyList<string> Users = ["school", "hohhot", "province"];

    public static readonly IReadOnlyList<string> Lists = [WorkLists.Todo, WorkLists.Done, WorkLists.Overdue];

    public static async Task RunAsync(BenchOptions options, Report report)
    {
        var cases = options.Number("cases", 2_000, 1_000_000);
        var repeats = options.Number("repeats", 1, 15);
        foreach (var provider in options.Databases)
        {
            report.Heading($"worklists · {cases:N0} cases · {provider}");
            await using var seeded = await SeededHost.StartAsync(provider, cases);
            await SeedBenchmark.PrintAsync(report, seeded, options);
            var goal = Goal.AtMost(provider == "postgres" ? 20 : 50);
            var clients = new Dictionary<string, ApiClient>();
            try
            {
                foreach (var user in Users)
                {
                    clients[user] = await ApiClient.SignInAsync(seeded.Host, user);
                }

                // The floor: the cheapest signed-in request, over the same HTTP path to the same Host.
                var floor = new Latencies();
                foreach (var client in clients.Values)
                {
                    await client.GetAsync("/api/auth/me");
                    for (var i = 0; i < repeats * 5; i++)
                    {
                        await floor.TimeAsync(() => client.GetAsync("/api/auth/me"));
                    }
                }

                report.Figure($"{provider} floor: GET /api/auth/me p50", floor.Percentile(50), "ms");
                report.Figure($"{provider} floor: GET /api/auth/me p99", floor.Percentile(99), "ms");
                var baseline = floor.Percentile(99);
                foreach (var user in Users)
                {
                    var client = clients[user];
                    await using var caller = DemoCaller.For(user, seeded.Seed.DemoUsers[user]);
                    var counts = await client.GetAsync("/api/tasks/counts");
                    report.Note($"{user}: {string.Join(", ", Lists.Select(l => $"{WorkLists.Names[l]} {(int)counts[l]!:N0}"))}");
                    foreach (var list in Lists)
                    {
                        foreach (var (kind, variants) in Variants(list, (int)counts[list]!))
                        {
                            var overHttp = new Latencies();
                            var inProcess = new Latencies();
                            foreach (var variant in variants)
                            {
                                await client.GetAsync(Address(variant));
                                await caller.ListAsync(seeded.Database.ConnectionString, variant);
                            }

                            for (var i = 0; i < repeats; i++)
                            {
                                foreach (var variant in variants)
                                {
                                    await overHttp.TimeAsync(() => client.GetAsync(Address(variant)));
                                    await inProcess.TimeAsync(async () =>
                                    {
                                        await caller.ListAsync(seeded.Database.ConnectionString, variant);
                                        return true;
                                    });
                                }
                            }

                            var name = $"{provider} {user} {WorkLists.Names[list]} {kind}";
                            Print(report, name, overHttp, baseline, goal);
                            report.Figure($"{name} handler in-process p99", inProcess.Percentile(99), "ms", goal);
                        }
                    }

                    var countLatencies = new Latencies();
                    for (var i = 0; i < repeats * 5; i++)
                    {
                        await countLatencies.TimeAsync(() => client.GetAsync("/api/tasks/counts"));
                    }

                    Print(report, $"{provider} {user} counts", countLatencies, baseline, goal);
                }
            }
            finally
            {
                foreach (var client in clients.Values)
                {
                    client.Dispose();
                }
            }

            await PrintPlansAsync(report, seeded);
        }
    }

    /// <summary>
    /// Paging and filters (page 1 in the default order, page 10, by process sorted by deadline, the last 90 days),
    /// and apart from them the title search, whose LIKE reads every row of the list.
    /// </summary>
    private static IEnumerable<(string Kind, ListWork[] Variants)> Variants(string list, int total)
    {
        yield return ("paged", [
            new ListWork { List = list },
            new ListWork { List = list, Page = Math.Clamp(total / 20, 1, 10) },
            new ListWork { List = list, DefinitionId = SeedDirectory.DefinitionId, Sort = "dueAt", Desc = false },
            new ListWork { List = list, From = DateTime.UtcNow.AddDays(-90) },
        ]);
        yield return ("title search", [new ListWork { List = list, Q = "技师学院" }]);
    }

    private static string Address(ListWork query)
    {
        var parts = new List<string> { $"list={query.List}" };
        if (query.Page is { } page)
        {
            parts.Add($"page={page}");
        }

        if (query.DefinitionId is { } definition)
        {
            parts.Add($"definitionId={definition}&sort={query.Sort}&desc={(query.Desc == true ? "true" : "false")}");
        }

        if (query.Q is { } words)
        {
            parts.Add($"q={Uri.EscapeDataString(words)}");
        }

        if (query.From is { } from)
        {
            parts.Add($"from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}");
        }

        return $"/api/tasks?{string.Join('&', parts)}";
    }

    private static void Print(Report report, string name, Latencies latencies, double baseline, Goal goal)
    {
        report.Figure($"{name} p50", latencies.Percentile(50), "ms", goal);
        report.Figure($"{name} p99", latencies.Percentile(99), "ms", goal);
        report.Ratio($"{name} p99 against the floor's p99", latencies.Percentile(99), baseline, "ms");
    }

    private static async Task PrintPlansAsync(Report report, SeededHost seeded)
    {
        report.Note("query plans (page 1 in the default order, and its count):");
        foreach (var user in Users)
        {
            await using var caller = DemoCaller.For(user, seeded.Seed.DemoUsers[user]);
            foreach (var list in Lists)
            {
                var (page, count) = await caller.ExplainAsync(seeded.Database.ConnectionString, new ListWork { List = list });
                report.Note($"-- {user} {WorkLists.Names[list]}: indexes {Describe(page.Indexes)}, full scans {Describe(page.FullScans)}; "
                    + $"count: indexes {Describe(count.Indexes)}, full scans {Describe(count.FullScans)}");
                foreach (var line in page.Lines)
                {
                    report.Note($"   {line}");
                }
            }
        }
    }

    private static string Describe(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
