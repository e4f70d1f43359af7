using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Activities;

public sealed class ExpertReviewTests
{
    private const string Pool = "major-experts";
    private const string OtherCity = "nmg-bt";

    private static readonly JsonObject Application = new() { ["majorName"] = "工业机器人技术" };

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Draw_ExpertsOfTheApplicantsSchoolAndCity_AreExcludedAndRecorded(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        engine.Organizations.SetParent("nmg-hhht-s3", TestOrganizations.City);
        engine.Experts.Add(Pool,
            new Expert("same-school", TestOrganizations.School, TestOrganizations.City),
            new Expert("same-city", "nmg-hhht-s2", TestOrganizations.City),
            new Expert("same-city-by-directory", "nmg-hhht-s3", null),
            new Expert("e-1", "nmg-bt-s1", OtherCity),
            new Expert("e-2", "nmg-bt-s2", OtherCity),
            new Expert("e-3", "nmg-bt-s3", OtherCity));
        await engine.PublishAsync("expert-review.json");

        var id = await engine.StartAsync("test-expert-review", Application);

        var tasks = await engine.OpenTasksAsync(id);
        Assert.Equal(["e-1", "e-2", "e-3"], tasks.Select(t => t.AssigneeUserId).Order(StringComparer.Ordinal));
        Assert.All(tasks, t => Assert.Equal("review", t.Kind));
        var drawn = JsonNode.Parse(Assert.Single(await engine.JournalAsync(id), j => j.Kind == "experts-drawn").Data)!;
        Assert.Equal(["e-1", "e-2", "e-3"], drawn["drawn"]!.AsArray().Select(e => e!.GetValue<string>()).Order(StringComparer.Ordinal));
        var excluded = drawn["excluded"]!.AsArray().ToDictionary(e => e!["userId"]!.GetValue<string>(), e => e!["reason"]!.GetValue<string>());
        Assert.Equal(
            new Dictionary<string, string> { ["same-school"] = "本校回避", ["same-city"] = "本市回避", ["same-city-by-directory"] = "本市回避" },
            excluded);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Draw_SeededRandom_DrawsTheSameExpertsForTheSameSeedOnly(string database)
    {
        var first = await DrawAsync(database, seed: 7);
        var again = await DrawAsync(database, seed: 7);
        var other = await DrawAsync(database, seed: 8);

        Assert.Equal(3, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Draw_TooFewEligibleExperts_IsAnIncidentSayingWhy(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        engine.Experts.Add(Pool,
            new Expert("same-school", TestOrganizations.School, TestOrganizations.City),
            new Expert("e-1", "nmg-bt-s1", OtherCity),
            new Expert("e-2", "nmg-bt-s2", OtherCity));
        await engine.PublishAsync("expert-review.json");

        var id = await engine.StartAsync("test-expert-review", Application);

        Assert.Equal(InstanceStatus.Faulted, (await engine.InstanceAsync(id)).Status);
        await using var db = engine.Database.CreateContext();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.InstanceId == id);
        Assert.Equal("review", incident.NodeId);
        Assert.Contains("符合回避要求的专家只有 2 人，不足抽取的 3 人", incident.Message, StringComparison.Ordinal);
        Assert.Empty(await engine.OpenTasksAsync(id));
    }

    public static TheoryData<string, string, double> Aggregations()
    {
        // Weighted totals (60/40) of the three experts: 84, 66 and 94.
        var data = new TheoryData<string, string, double>();
        foreach (var db in TestDatabases.Names)
        {
            data.Add(db, "mean", 81.33);
            data.Add(db, "trimmed", 84);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Aggregations))]
    public async Task Scores_AllSubmitted_AggregateWeightedTotalsIntoTheVariable(string database, string method, double aggregate)
    {
        await using var engine = await ThreeExpertsAsync(database);
        var id = await engine.StartAsync("test-expert-review", Application, new JsonObject { ["aggregation"] = method });
        var scores = new Dictionary<string, (double Conditions, double Staff)> { ["e-1"] = (80, 90), ["e-2"] = (70, 60), ["e-3"] = (90, 100) };

        foreach (var (expert, (conditions, staff)) in scores)
        {
            Assert.Equal(InstanceStatus.Suspended, (await engine.InstanceAsync(id)).Status);
            var result = await ScoreAsync(engine, id, expert, new JsonObject { ["办学条件"] = conditions, ["师资队伍"] = staff });
            Assert.Equal(RunStatus.Ok, result.Status);
        }

        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(id)).Status);
        var review = (await engine.VariablesAsync(id))["review"]!;
        Assert.Equal(method, review["method"]!.GetValue<string>());
        Assert.Equal(aggregate, review["aggregate"]!.GetValue<double>());
        var totals = review["experts"]!.AsArray().ToDictionary(e => e!["userId"]!.GetValue<string>(), e => e!["total"]!.GetValue<double>());
        Assert.Equal(new Dictionary<string, double> { ["e-1"] = 84, ["e-2"] = 66, ["e-3"] = 94 }, totals);
        var second = review["experts"]!.AsArray().Single(e => e!["userId"]!.GetValue<string>() == "e-2")!;
        Assert.Equal(70, second["scores"]!["办学条件"]!.GetValue<double>());
        Assert.Contains(await engine.JournalAsync(id), j => j.Kind == "review-aggregated");
        Assert.Equal(Application.ToJsonString(), (await engine.FormAsync(id)).ToJsonString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Scores_OutOfRangeMissingOrUnknown_AreRefusedWithNothingWritten(string database)
    {
        await using var engine = await ThreeExpertsAsync(database);
        var id = await engine.StartAsync("test-expert-review", Application);
        var journal = (await engine.JournalAsync(id)).Count;

        var result = await ScoreAsync(engine, id, "e-1", new JsonObject { ["办学条件"] = 120, ["特色"] = 80 });

        Assert.Equal(RunStatus.Invalid, result.Status);
        Assert.Equal(["scores.办学条件", "scores.师资队伍", "scores.特色"], result.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(journal, (await engine.JournalAsync(id)).Count);
        Assert.Equal(3, (await engine.OpenTasksAsync(id)).Count);
        Assert.Null((await engine.VariablesAsync(id))["review"]);

        var withoutScores = await engine.Runtime.CompleteTaskAsync(
            (await engine.OpenTasksAsync(id)).Single(t => t.AssigneeUserId == "e-1").Id, new TaskDecision("submit", "e-1"));
        Assert.Equal(RunStatus.Invalid, withoutScores.Status);
        Assert.Equal(["scores"], withoutScores.Errors!.Keys);
    }

    private static async Task<EngineHarness> ThreeExpertsAsync(string database)
    {
        var engine = await EngineHarness.CreateAsync(database);
        engine.Experts.Add(Pool,
            new Expert("e-1", "nmg-bt-s1", OtherCity),
            new Expert("e-2", "nmg-bt-s2", OtherCity),
            new Expert("e-3", "nmg-bt-s3", OtherCity));
        await engine.PublishAsync("expert-review.json");
        return engine;
    }

    private static async Task<RunResult> ScoreAsync(EngineHarness engine, InstanceId id, string expert, JsonObject scores)
    {
        var task = (await engine.OpenTasksAsync(id)).Single(t => t.AssigneeUserId == expert);
        return await engine.Runtime.CompleteTaskAsync(task.Id, new TaskDecision("submit", expert) { Data = new JsonObject { ["scores"] = scores } });
    }

    private static async Task<List<string>> DrawAsync(string database, int seed)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        engine.Random.Seed(seed);
        engine.Experts.Add(Pool, [.. Enumerable.Range(1, 10).Select(i => new Expert($"e-{i:00}", $"nmg-bt-s{i}", OtherCity))]);
        await engine.PublishAsync("expert-review.json");
        var id = await engine.StartAsync("test-expert-review", Application);
        var drawn = JsonNode.Parse(Assert.Single(await engine.JournalAsync(id), j => j.Kind == "experts-drawn").Data)!;
        return [.. drawn["drawn"]!.AsArray().Select(e => e!.GetValue<string>())];
    }
}
