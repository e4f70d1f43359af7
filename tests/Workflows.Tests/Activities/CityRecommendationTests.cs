using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;
using static Approvals.Workflows.Tests.Activities.SelectionSteps;

namespace Approvals.Workflows.Tests.Activities;

/// <summary>盟市推荐: a city recommends its schools' applications within its quota for the batch, or returns them for revision.</summary>
public sealed class CityRecommendationTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Recommend_BeyondTheCitysQuota_IsRefusedNamingTheQuotaWhileAnotherCityStillRecommends(string database)
    {
        await using var engine = await CreateAsync(database);
        var batch = await OpenBatchAsync(engine, cityQuota: 1);
        var first = await ApplyAsync(engine, batch, TestOrganizations.School, "0101");
        var second = await ApplyAsync(engine, batch, TechnicalSchool, "0101");
        var baotou = await ApplyAsync(engine, batch, BaotouCollege, "0101");
        Assert.Equal(RunStatus.Ok, (await engine.DecideAsync(first, "recommend", "city-officer")).Status);

        var refused = await engine.DecideAsync(second, "recommend", "city-officer");
        var otherCity = await engine.DecideAsync(baotou, "recommend", "baotou-officer");
        var declined = await engine.DecideAsync(second, "decline", "city-officer");

        Assert.Equal(RunStatus.Invalid, refused.Status);
        Assert.Equal("呼和浩特市本批次的推荐名额为 1 个，已推荐 1 个（建设专业遴选批次 · 呼和浩特技师学院 · 机床切削加工（车工）），不能再推荐。",
            Assert.Single(refused.Errors!["quota"]));
        Assert.Equal(RunStatus.Ok, otherCity.Status);
        Assert.Equal(RunStatus.Ok, declined.Status);
        var recommendation = (await engine.VariablesAsync(first))["recommendation"]!;
        Assert.Equal((true, TestOrganizations.City, 1, 1), (recommendation["recommended"]!.GetValue<bool>(),
            recommendation["cityId"]!.GetValue<string>(), recommendation["quota"]!.GetValue<int>(), recommendation["place"]!.GetValue<int>()));
        Assert.Equal(CityRecommendation.DeclinedNote, (await engine.VariablesAsync(second))["recommendation"]!["note"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Recommend_TwoAtOnceForTheCitysLastPlace_OnlyOneIsTaken(string database)
    {
        await using var engine = await CreateAsync(database);
        var batch = await OpenBatchAsync(engine, cityQuota: 1);
        var applications = new[]
        {
            await ApplyAsync(engine, batch, TestOrganizations.School, "0101"),
            await ApplyAsync(engine, batch, TechnicalSchool, "0101"),
        };
        var tasks = await Task.WhenAll(applications.Select(engine.SingleOpenTaskAsync));

        var results = await Task.WhenAll(tasks.Select(t =>
            Task.Run(() => engine.Runtime.CompleteTaskAsync(t.Id, new TaskDecision("recommend", "city-officer")))));
        var retried = await Task.WhenAll(tasks.Zip(results).Where(p => p.Second.Status == RunStatus.Conflict)
            .Select(p => engine.Runtime.CompleteTaskAsync(p.First.Id, new TaskDecision("recommend", "city-officer"))));

        Assert.Single(results, r => r.Status == RunStatus.Ok);
        // The loser either met the winner's change to the batch (a conflict, retried) or counted the place as taken.
        Assert.All(results.Where(r => r.Status != RunStatus.Ok), r => Assert.Contains(r.Status, new[] { RunStatus.Conflict, RunStatus.Invalid }));
        Assert.All(retried, r => Assert.Equal(RunStatus.Invalid, r.Status));
        var recommended = 0;
        foreach (var application in applications)
        {
            recommended += (await engine.VariablesAsync(application))["recommendation"]?["recommended"]?.GetValue<bool>() == true ? 1 : 0;
        }

        Assert.Equal(1, recommended);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Return_TheSchoolRevisesButCannotChangeTheRegisteredMajor_ThenTheCityDecidesAgain(string database)
    {
        await using var engine = await CreateAsync(database);
        var batch = await OpenBatchAsync(engine);
        var application = await ApplyAsync(engine, batch, TestOrganizations.School, "0101");

        Assert.Equal(RunStatus.Ok, (await engine.DecideAsync(application, "return", "city-officer")).Status);
        var resubmit = await engine.SingleOpenTaskAsync(application);
        var changedMajor = await engine.Runtime.CompleteTaskAsync(resubmit.Id, new TaskDecision("resubmit", "school-user")
        {
            Data = new JsonObject { ["majorCode"] = "0102", ["teachers"] = 12 },
        });
        var revised = await engine.Runtime.CompleteTaskAsync(resubmit.Id, new TaskDecision("resubmit", "school-user")
        {
            Data = new JsonObject { ["majorCode"] = "0101", ["teachers"] = 12 },
        });

        Assert.Equal(("resubmit", TestOrganizations.School), (resubmit.Kind, resubmit.AssigneeOrgId));
        Assert.Equal(RunStatus.Invalid, changedMajor.Status);
        Assert.Contains("“建设专业”已在申报批次中登记，修改申报时不能更换", Assert.Single(changedMajor.Errors!["form.majorCode"]));
        Assert.Equal(RunStatus.Ok, revised.Status);
        Assert.Equal(12, (await engine.FormAsync(application))["teachers"]!.GetValue<int>());
        Assert.Equal("recommendation", (await engine.SingleOpenTaskAsync(application)).Kind);
        var kinds = (await engine.JournalAsync(application)).Select(j => j.Kind).ToList();
        Assert.Contains("returned", kinds);
        Assert.Contains("resubmitted", kinds);
    }
}
