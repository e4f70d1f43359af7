using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Tests.Features.Exports;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>What the case page reads from GET /api/cases/{id}: the diagram with the route taken, outcome names, the exports that apply.</summary>
public sealed class CasePageApiTests(ExportsHost host) : IClassFixture<ExportsHost>
{
    [Fact]
    public async Task GetCase_RewardCaseAtTheEducationBureau_DiagramMarksTheRouteTakenAndTheCurrentStep()
    {
        using var school = await host.SignInAsync("school");
        var caseId = await StartRewardsAsync(school);

        var diagram = (await GetCaseAsync(school, caseId))["diagram"]!;

        var status = diagram["nodes"]!.AsArray().ToDictionary(n => n!["id"]!.GetValue<string>(), n => n!["status"]!.GetValue<string>());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["start"] = "done", ["calculate"] = "done", ["education"] = "current", ["hr"] = "pending", ["finance"] = "pending",
                ["end"] = "pending", ["end-rejected"] = "pending",
            },
            status);
        var education = diagram["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<string>() == "education")!;
        Assert.Equal(("教育局审核", "审批"), (education["name"]!.GetValue<string>(), education["kindName"]!.GetValue<string>()));
        var edges = diagram["edges"]!.AsArray().Select(e => (
            Route: $"{e!["source"]}>{e["target"]}", Name: e["outcomeName"]!.GetValue<string>(), Taken: e["taken"]!.GetValue<bool>())).ToList();
        Assert.Equal(
            [
                ("start>calculate", "提交", true), ("calculate>education", "完成", true), ("education>hr", "同意", false),
                ("education>end-rejected", "不同意", false), ("hr>finance", "同意", false), ("hr>end-rejected", "不同意", false),
                ("finance>end", "拨付", false),
            ],
            edges);
    }

    [Fact]
    public async Task GetCase_AtTheFinanceBureau_TheStepAndItsDecisionsCarryTheNamesTheDefinitionGives()
    {
        using var school = await host.SignInAsync("school");
        using var education = await host.SignInAsync("education");
        using var city = await host.SignInAsync("hohhot");
        using var finance = await host.SignInAsync("finance");
        var caseId = await StartRewardsAsync(school);
        await DecideAsync(education, caseId, "approve", new { comment = "材料齐全" });
        await DecideAsync(city, caseId, "approve", new { });

        var view = await GetCaseAsync(finance, caseId);

        var step = view["currentSteps"]!.AsArray().Single()!;
        Assert.Equal(["paid"], step["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal("拨付", step["outcomeNames"]!["paid"]!.GetValue<string>());
        var decisions = view["timeline"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == "decision").ToList();
        Assert.Equal(["同意", "同意"], decisions.Select(d => d!["outcomeName"]!.GetValue<string>()));
        Assert.Equal(["hr", "finance"], view["diagram"]!["nodes"]!.AsArray()
            .Where(n => n!["status"]!.GetValue<string>() is "current" or "done" && n["id"]!.GetValue<string>() is "hr" or "finance")
            .Select(n => n!["id"]!.GetValue<string>()));

        await DecideAsync(finance, caseId, "complete", new { outcome = "paid" });
        var done = (await ListAsync(finance, "done")).Single(r => r!["caseId"]!.GetValue<string>() == caseId)!;
        Assert.Equal("拨付", done["outcomeName"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetCase_Exports_OnlyThoseTheCaseHasDataFor()
    {
        using var school = await host.SignInAsync("school");
        using var province = await host.SignInAsync("province");

        var rewards = await GetCaseAsync(school, await StartRewardsAsync(school));
        var filing = await GetCaseAsync(school, await StartFilingAsync(school));
        var batch = await GetCaseAsync(province, await SelectionBatch.StartAsync(province));

        Assert.Equal(["rewards"], Kinds(rewards));
        Assert.Empty(Kinds(filing));
        Assert.Equal(["selection", "notice"], Kinds(batch));
    }

    private static IEnumerable<string> Kinds(JsonObject view) => view["exports"]!.AsArray().Select(k => k!.GetValue<string>());
}
