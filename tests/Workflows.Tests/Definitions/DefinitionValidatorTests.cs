using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Tests.Definitions;

public sealed class DefinitionValidatorTests
{
    private static readonly DefinitionValidator Validator = new(ActivityRegistry.Default);

    private static IReadOnlyList<DefinitionProblem> Validate(string nodes, string edges, string variables = "[]") =>
        Validator.Validate(DefinitionJson.Parse($$"""{ "id": "t", "name": "测试", "variables": {{variables}}, "nodes": {{nodes}}, "edges": {{edges}} }"""));

    private const string StartEnd = """{ "id": "start", "kind": "Start" }, { "id": "end", "kind": "End" }""";

    [Fact]
    public void Validate_EveryShippedTestDefinition_HasNoProblems()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Definitions"), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var problems = Validator.Validate(DefinitionJson.Parse(File.ReadAllText(file)));
            Assert.True(problems.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", problems.Select(p => p.Message))}");
        }
    }

    /// <summary>Every process the product ships (definitions/*.json), each start form with its fields described.</summary>
    [Fact]
    public void Validate_EveryShippedProcess_HasNoProblems()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Shipped"), "*.json");
        Assert.Contains(files, f => Path.GetFileName(f) == "major-warning.json");
        foreach (var file in files)
        {
            var definition = DefinitionJson.Parse(File.ReadAllText(file));
            var problems = Validator.Validate(definition);
            Assert.True(problems.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", problems.Select(p => $"{p.NodeId}: {p.Message}"))}");
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", definition.Name);
            Assert.All(definition.Nodes, n => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", n.DisplayName));
        }
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOneWithItsNode()
    {
        var problems = Validate(
            $$"""
            [ {{StartEnd}},
            { "id": "a", "kind": "Approval" },
            { "id": "b", "kind": "If", "inputs": { "condition": "form.x >" } },
            { "id": "lost", "kind": "SetVariable", "inputs": { "variable": "nope", "value": "1" } },
            { "id": "c", "kind": "Teleport" } ]
            """,
            """
            [ { "source": "start", "outcome": "done", "target": "a" },
            { "source": "a", "outcome": "approve", "target": "b" },
            { "source": "a", "outcome": "maybe", "target": "end" },
            { "source": "b", "outcome": "true", "target": "ghost" },
            { "source": "b", "outcome": "false", "target": "end" },
            { "source": "b", "outcome": "true", "target": "c" } ]
            """);

        var found = problems.Select(p => (p.NodeId, p.Code)).ToHashSet();
        Assert.Contains(("a", "missing-input"), found);
        Assert.Contains(("a", "unknown-outcome"), found);
        Assert.Contains(("b", "bad-expression"), found);
        Assert.Contains(("b", "dangling-edge"), found);
        Assert.Contains(("lost", "unreachable"), found);
        Assert.Contains(("lost", "unknown-variable"), found);
        Assert.Contains(("c", "unknown-kind"), found);
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    [Fact]
    public void Validate_CycleWithoutAWaitingStep_IsReportedOnEachNodeOfTheCycle()
    {
        var problems = Validate(
            $$"""
            [ {{StartEnd}},
            { "id": "loop1", "kind": "SetVariable", "inputs": { "variable": "n", "value": "vars.n + 1" } },
            { "id": "loop2", "kind": "If", "inputs": { "condition": "vars.n < 10" } } ]
            """,
            """
            [ { "source": "start", "outcome": "done", "target": "loop1" },
            { "source": "loop1", "outcome": "done", "target": "loop2" },
            { "source": "loop2", "outcome": "true", "target": "loop1" },
            { "source": "loop2", "outcome": "false", "target": "end" } ]
            """,
            """[ { "name": "n", "type": "number", "default": 0 } ]""");

        Assert.Equal(["loop1", "loop2"], problems.Where(p => p.Code == "cycle-without-wait").Select(p => p.NodeId!).Order());
    }

    [Fact]
    public void Validate_CycleThroughAnApproval_IsAllowed()
    {
        var problems = Validate(
            $$"""
            [ {{StartEnd}},
            { "id": "review", "kind": "Approval", "inputs": { "assignee": { "role": "city_reviewer", "org": "initiator.parent" } } },
            { "id": "fix", "kind": "SetVariable", "inputs": { "variable": "n", "value": "vars.n + 1" } } ]
            """,
            """
            [ { "source": "start", "outcome": "done", "target": "review" },
            { "source": "review", "outcome": "reject", "target": "fix" },
            { "source": "fix", "outcome": "done", "target": "review" },
            { "source": "review", "outcome": "approve", "target": "end" } ]
            """,
            """[ { "name": "n", "type": "number", "default": 0 } ]""");

        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_TwoStartsAndABadSelect_AreBothReported()
    {
        var problems = Validate(
            """
            [ { "id": "s1", "kind": "Start" }, { "id": "s2", "kind": "Start" }, { "id": "end", "kind": "End" },
            { "id": "j", "kind": "Join", "inputs": { "mode": "most" } } ]
            """,
            """
            [ { "source": "s1", "outcome": "done", "target": "j" }, { "source": "s2", "outcome": "done", "target": "j" },
            { "source": "j", "outcome": "done", "target": "end" } ]
            """);

        Assert.Contains(problems, p => p.Code == "start-count");
        Assert.Contains(problems, p => p is { Code: "bad-option", NodeId: "j" });
    }

    [Fact]
    public void Validate_RatioCountersignWithoutARatio_IsReported()
    {
        var problems = Validate(
            $$"""[ {{StartEnd}}, { "id": "panel", "kind": "Countersign", "inputs": { "assignees": [ { "user": "e1" } ], "mode": "ratio" } } ]""",
            """[ { "source": "start", "outcome": "done", "target": "panel" }, { "source": "panel", "outcome": "approve", "target": "end" } ]""");

        Assert.Contains(problems, p => p is { Code: "bad-ratio", NodeId: "panel" });
    }

    [Theory]
    [InlineData("""[ { "name": "办学条件", "weight": 0.6 }, { "name": "师资队伍", "weight": 0.3 } ]""", 3, "mean")]
    [InlineData("""[ { "name": "办学条件", "weight": 60 }, { "name": "办学条件", "weight": 40 } ]""", 3, "mean")]
    [InlineData("""[ { "name": "办学条件", "weight": 60 }, { "name": "师资队伍", "weight": 40 } ]""", 2, "trimmed")]
    [InlineData("""[ { "name": "办学条件", "weight": 60 }, { "name": "师资队伍", "weight": 40 } ]""", 0, "mean")]
    public void Validate_ExpertReviewWithBadCriteriaOrCount_IsReported(string criteria, int count, string aggregation)
    {
        var problems = Validate(
            $$"""
            [ {{StartEnd}},
            { "id": "review", "kind": "ExpertReview", "inputs": { "count": {{count}}, "pool": "p", "criteria": {{criteria}}, "aggregation": "{{aggregation}}" } } ]
            """,
            """[ { "source": "start", "outcome": "done", "target": "review" }, { "source": "review", "outcome": "done", "target": "end" } ]""");

        var problem = Assert.Single(problems);
        Assert.Equal(("review", "bad-review"), (problem.NodeId, problem.Code));
    }

    [Fact]
    public void Validate_ExpertReviewWithWeightsSummingToOne_HasNoProblems()
    {
        var problems = Validate(
            $$"""
            [ {{StartEnd}},
            { "id": "review", "kind": "ExpertReview", "inputs": { "count": 3, "pool": "p", "aggregation": "trimmed",
              "criteria": [ { "name": "办学条件", "weight": 0.6 }, { "name": "师资队伍", "weight": 0.4 } ] } } ]
            """,
            """[ { "source": "start", "outcome": "done", "target": "review" }, { "source": "review", "outcome": "done", "target": "end" } ]""");

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("""{ "days": 5 }""", "missing-input")]
    [InlineData("""{ "days": 0, "handler": { "role": "province_reviewer" } }""", "bad-notice")]
    [InlineData("""{ "days": 5, "handler": { "role": "province_reviewer" }, "afterObjection": "again" }""", "bad-option")]
    public void Validate_PublicNoticeWithBadInputs_IsReported(string inputs, string code)
    {
        var problems = Validate(
            $$"""[ {{StartEnd}}, { "id": "notice", "kind": "PublicNotice", "inputs": {{inputs}} } ]""",
            """
            [ { "source": "start", "outcome": "done", "target": "notice" }, { "source": "notice", "outcome": "done", "target": "end" },
              { "source": "notice", "outcome": "objection-upheld", "target": "end" } ]
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(("notice", code), (problem.NodeId, problem.Code));
    }

    [Theory]
    [InlineData("""{ "paid": "拨付", "late": "逾期" }""")]
    [InlineData("""{ "paid": 1 }""")]
    [InlineData("""[ "拨付" ]""")]
    public void Validate_OutcomeNamesOfAnUnknownOutcomeOrNotText_AreReported(string names)
    {
        var problems = Validate(
            $$"""
            [ {{StartEnd}}, { "id": "pay", "kind": "UserTask",
              "inputs": { "assignee": { "role": "finance_officer" }, "outcomes": ["paid"], "outcomeNames": {{names}} } } ]
            """,
            """[ { "source": "start", "outcome": "done", "target": "pay" }, { "source": "pay", "outcome": "paid", "target": "end" } ]""");

        var problem = Assert.Single(problems);
        Assert.Equal(("pay", "bad-outcome-names"), (problem.NodeId, problem.Code));
    }

    [Fact]
    public void OutcomeName_NamedByTheDefinition_ElseByTheActivity_ElseNone()
    {
        var node = DefinitionJson.Parse("""
            { "id": "t", "name": "测试", "nodes": [ { "id": "pay", "kind": "UserTask",
              "inputs": { "outcomes": ["paid", "done", "later"], "outcomeNames": { "paid": "拨付" } } } ] }
            """).Node("pay");
        var userTask = ActivityRegistry.Default.Find("UserTask")!;

        Assert.Equal(("拨付", "办结", null), (userTask.OutcomeName(node, "paid"), userTask.OutcomeName(node, "done"), userTask.OutcomeName(node, "later")));
    }

    [Fact]
    public void Catalogue_EveryActivity_DescribesItselfInChinese()
    {
        var catalogue = ActivityRegistry.Default.Catalogue;

        // Every kind the shipped processes use is there; domain activities added later join them.
        Assert.Superset(
            new HashSet<string>([
                "ApplicationWindow", "Approval", "CityRecommendation", "CompetitionRewards", "Countersign", "End", "ExpertReview", "Fork", "If",
                "Join", "PublicNotice", "QualitySelfAssessment", "Register", "SelectionRanking", "SetVariable", "Start", "SubWorkflow", "Switch", "Timer", "UserTask",
            ]),
            catalogue.Select(d => d.Kind).ToHashSet(StringComparer.Ordinal));
        Assert.All(catalogue, d => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", d.DisplayName));
        Assert.All(catalogue.SelectMany(d => d.Inputs), i => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", i.DisplayName));
    }

    [Fact]
    public void Catalogue_Editors_FollowTheInputKindAndDeadlineNames()
    {
        string EditorOf(string kind, string input) => ActivityRegistry.Default.Find(kind)!.Descriptor.FindInput(input)!.Editor;

        Assert.Equal("field-access", EditorOf("Approval", FieldAccess.InputName));
        Assert.Equal("working-days", EditorOf("Approval", "dueInWorkingDays"));
        Assert.Equal("working-days", EditorOf("ExpertReview", "remindBeforeWorkingDays"));
        Assert.Equal("working-days", EditorOf("PublicNotice", "days"));
        Assert.Equal("number", EditorOf("Timer", "days"));
        Assert.Equal("assignee", EditorOf("Approval", "assignee"));
        Assert.Equal("variable", EditorOf("SetVariable", "variable"));
    }

    [Fact]
    public void Json_SaveAndLoad_RoundTripsTheDefinition()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Definitions", "scenario.json");
        var definition = DefinitionJson.Parse(File.ReadAllText(path));

        var again = DefinitionJson.Parse(DefinitionJson.Serialize(definition));

        Assert.Equal(DefinitionJson.Serialize(definition), DefinitionJson.Serialize(again));
        Assert.Contains("专家会签", DefinitionJson.Serialize(definition), StringComparison.Ordinal);
    }
}
