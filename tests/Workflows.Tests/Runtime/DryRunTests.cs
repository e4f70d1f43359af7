using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Expressions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Tests.Runtime;

/// <summary>试运行: the route a definition takes with sample data, each condition evaluated, without a case.</summary>
public sealed class DryRunTests
{
    private static readonly DryRunner Runner = new(ActivityRegistry.Default, new ExpressionEvaluator());

    private static WorkflowDefinition Load(string file) =>
        DefinitionJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Definitions", file)));

    [Theory]
    [InlineData(20000, "true", "big")]
    [InlineData(5000, "false", "small")]
    public void Run_EvaluatesTheConditionOnTheSampleForm_AndSetsVariables(int amount, string outcome, string route)
    {
        var result = Runner.Run(new DryRunRequest(Load("if.json")) { Form = new JsonObject { ["amount"] = amount } });

        Assert.True(result.Finished);
        Assert.Equal(["start", "check", route, "end"], result.Route.Select(s => s.NodeId));
        var check = result.Route[1];
        Assert.Equal((outcome, outcome == "true" ? "是" : "否", DryRunChoice.Condition), (check.Outcome, check.OutcomeName, check.ChosenBy));
        var evaluation = Assert.Single(check.Evaluations);
        Assert.Equal(("form.amount > 10000", outcome == "true"), (evaluation.Expression, evaluation.Result!.GetValue<bool>()));
        Assert.Equal(route, result.Variables["route"]!.GetValue<string>());
        Assert.Equal("end", result.EndNode);
    }

    [Fact]
    public void Run_PeopleTakeTheSampleOutcome_OrTheirFirst_AndEveryBranchOfAForkIsWalked()
    {
        var result = Runner.Run(new DryRunRequest(Load("fork-join.json"))
        {
            Choices = new Dictionary<string, string> { ["finance"] = "reject" },
        });

        Assert.True(result.Finished);
        var steps = result.Route.ToDictionary(s => s.NodeId, s => s, StringComparer.Ordinal);
        Assert.Equal(("approve", "同意", DryRunChoice.First), (steps["education"].Outcome, steps["education"].OutcomeName, steps["education"].ChosenBy));
        Assert.Equal(("reject", DryRunChoice.Sample), (steps["finance"].Outcome, steps["finance"].ChosenBy));
        Assert.Contains("join", steps.Keys);
        Assert.Equal("end", result.EndNode);
    }

    [Fact]
    public void Run_AConditionThatFails_StopsThereWithTheError()
    {
        var definition = Load("if.json");
        definition.Nodes.Single(n => n.Id == "check").Inputs["condition"] = "form.applicant.name.length > 2";

        var result = Runner.Run(new DryRunRequest(definition));

        Assert.False(result.Finished);
        var check = result.Route[^1];
        Assert.Equal("check", check.NodeId);
        Assert.Contains("条件无法计算", check.Problem);
        Assert.NotNull(Assert.Single(check.Evaluations).Error);
    }

    [Fact]
    public void Run_AChoiceTheNodeDoesNotHave_IsAProblemNamingTheOutcomesItHas()
    {
        var result = Runner.Run(new DryRunRequest(Load("fork-join.json"))
        {
            Choices = new Dictionary<string, string> { ["education"] = "approved" },
        });

        Assert.False(result.Finished);
        Assert.Contains("没有结果“approved”，可选：approve、reject、return", result.Route.Single(s => s.NodeId == "education").Problem);
    }

    [Theory]
    [InlineData("national", "全国", new[] { false, true })]
    [InlineData("city", "default", new[] { false, false })]
    public void Run_ASwitchTakesTheFirstBranchWhoseConditionHolds_ElseDefault(string level, string outcome, bool[] evaluated)
    {
        var definition = DefinitionJson.Parse("""
            { "id": "switch", "name": "多路",
              "nodes": [ { "id": "start", "kind": "Start" },
                         { "id": "level", "kind": "Switch", "inputs": { "cases": [
                             { "outcome": "全区", "condition": "form.level === 'province'" },
                             { "outcome": "全国", "condition": "form.level === 'national'" } ] } },
                         { "id": "end", "kind": "End" } ],
              "edges": [ { "source": "start", "outcome": "done", "target": "level" },
                         { "source": "level", "outcome": "全区", "target": "end" },
                         { "source": "level", "outcome": "全国", "target": "end" },
                         { "source": "level", "outcome": "default", "target": "end" } ] }
            """);

        var result = Runner.Run(new DryRunRequest(definition) { Form = new JsonObject { ["level"] = level } });

        Assert.True(result.Finished);
        var step = result.Route.Single(s => s.NodeId == "level");
        Assert.Equal((outcome, DryRunChoice.Condition), (step.Outcome, step.ChosenBy));
        Assert.Equal(evaluated, step.Evaluations.Select(e => e.Result!.GetValue<bool>()));
    }

    [Fact]
    public void Run_ARouteThatKeepsLooping_StopsAtTheStepLimitAndSaysSo()
    {
        var definition = DefinitionJson.Parse("""
            { "id": "loop", "name": "循环",
              "nodes": [ { "id": "start", "kind": "Start" },
                         { "id": "again", "kind": "UserTask", "name": "再办一次", "inputs": { "assignee": { "role": "city_reviewer", "org": "initiator" }, "outcomes": ["again", "done"] } },
                         { "id": "end", "kind": "End" } ],
              "edges": [ { "source": "start", "outcome": "done", "target": "again" },
                         { "source": "again", "outcome": "again", "target": "again" },
                         { "source": "again", "outcome": "done", "target": "end" } ] }
            """);

        var result = Runner.Run(new DryRunRequest(definition) { MaxSteps = 10 });

        Assert.False(result.Finished);
        Assert.Equal(11, result.Route.Count);
        Assert.Contains("已走 10 步仍未结束", result.Route[^1].Problem);
    }
}
