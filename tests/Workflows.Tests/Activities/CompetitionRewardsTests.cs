using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Activities;

/// <summary>The shipped definitions/competition-rewards.json on the engine: the calculation node and the bureaus' steps.</summary>
public sealed class CompetitionRewardsTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompetitionRewards_ApprovedAndPaid_FinishesWithTheCalculatedRewards(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync(await ShippedAsync());
        var id = await engine.StartAsync("competition-rewards", Form(Row("张三", "全国", 1, "行业协会", "陈老师"), Row("李四", "全省", 4)));

        Assert.Equal("20000", (await engine.VariablesAsync(id))["rewards"]!["totals"]!["overall"]!.ToJsonString());
        await DecideAsync(engine, id, ("education_reviewer", $"{TestOrganizations.City}-edu"), "approve");
        await DecideAsync(engine, id, ("city_reviewer", TestOrganizations.City), "approve");
        await DecideAsync(engine, id, ("finance_officer", $"{TestOrganizations.City}-fin"), "paid");

        var instance = await engine.InstanceAsync(id);
        Assert.Equal(InstanceStatus.Finished, instance.Status);
        var output = JsonNode.Parse(instance.Output!)!;
        Assert.Equal(10000, output["totals"]!["byPerson"]!["陈老师"]!.GetValue<decimal>());
        Assert.Equal(
            ["全国一等奖 20000 元 × 行业协会举办减半（0.5）= 10000 元", "全省第 4 等次不在奖励标准中，不予奖励",
             "指导教师按获奖学生标准：全国一等奖 20000 元 × 行业协会举办减半（0.5）= 10000 元"],
            output["lines"]!.AsArray().Select(l => l!["rule"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompetitionRewards_ReturnedByHrAndResubmitted_IsRecalculatedAndReviewedAgain(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync(await ShippedAsync());
        var id = await engine.StartAsync("competition-rewards", Form(Row("张三", "全国", 1, "教育行政部门", "")));
        await engine.DecideAsync(id, "approve");

        await engine.DecideAsync(id, "return");
        await engine.DecideAsync(id, "resubmit", "applicant", Form(Row("张三", "全市", 2, "教育行政部门", "")));

        var again = await engine.SingleOpenTaskAsync(id);
        Assert.Equal("education", again.NodeId);
        Assert.Equal(2000, (await engine.VariablesAsync(id))["rewards"]!["totals"]!["overall"]!.GetValue<decimal>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompetitionRewards_FormFieldThatIsNoTable_IsAnIncidentNotAWrongPayment(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync(DefinitionJson.Parse("""
            {
              "id": "test-rewards", "name": "奖励核算",
              "variables": [ { "name": "rewards", "type": "object" } ],
              "nodes": [
                { "id": "start", "kind": "Start" },
                { "id": "calculate", "kind": "CompetitionRewards", "inputs": { "winners": "missing", "variable": "rewards" } },
                { "id": "end", "kind": "End" }
              ],
              "edges": [ { "source": "start", "outcome": "done", "target": "calculate" }, { "source": "calculate", "outcome": "done", "target": "end" } ]
            }
            """));

        var result = await engine.Runtime.StartAsync(new StartRequest("test-rewards") { InitiatorUserId = "applicant", InitiatorOrgId = TestOrganizations.School });

        var instance = await engine.InstanceAsync(result.InstanceId!.Value);
        Assert.NotEqual(InstanceStatus.Finished, instance.Status);
        Assert.Contains(await engine.JournalAsync(instance.Id), j => j.Kind == "incident" && j.Data.Contains("不是获奖名单表格", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompetitionRewards_ShippedDefinition_PassesTheValidator()
    {
        var problems = new DefinitionValidator(ActivityRegistry.Default).Validate(await ShippedAsync());

        Assert.Empty(problems);
    }

    private static async Task DecideAsync(EngineHarness engine, InstanceId id, (string Role, string Org) assignee, string outcome)
    {
        var task = await engine.SingleOpenTaskAsync(id);
        Assert.Equal(assignee, (task.AssigneeRole!, task.AssigneeOrgId!));
        await engine.DecideAsync(id, outcome);
    }

    private static Task<WorkflowDefinition> ShippedAsync() =>
        DefinitionJson.LoadAsync(Path.Combine(AppContext.BaseDirectory, "Shipped", "competition-rewards.json"));

    private static JsonObject Form(params JsonObject[] rows) => new() { ["winners"] = new JsonArray([.. rows]) };

    private static JsonObject Row(string name, string level, int rank, string organiser = "教育行政部门", string instructors = "") => new()
    {
        ["name"] = name, ["role"] = "学生", ["event"] = "数控车", ["level"] = level, ["rank"] = rank, ["organiser"] = organiser,
        ["year"] = 2024, ["instructors"] = instructors,
    };
}
