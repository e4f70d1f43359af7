using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Tests.Definitions;

public sealed class DefinitionDiffTests
{
    private static WorkflowDefinition Approval() => new()
    {
        Id = "filing",
        Name = "专业备案",
        Variables = [new VariableDefinition { Name = "result" }, new VariableDefinition { Name = "score", Type = "number", Default = 0 }],
        Nodes =
        [
            new NodeDefinition { Id = "start", Kind = "Start", Position = new NodePosition(0, 0) },
            new NodeDefinition
            {
                Id = "city", Kind = "Approval", Name = "市局审核", Position = new NodePosition(200, 0),
                Inputs = new JsonObject { ["assignee"] = new JsonObject { ["role"] = "city_reviewer", ["org"] = "initiator.parent" } },
            },
            new NodeDefinition { Id = "end", Kind = "End", Position = new NodePosition(400, 0) },
        ],
        Edges =
        [
            new EdgeDefinition { Source = "start", Outcome = "done", Target = "city" },
            new EdgeDefinition { Source = "city", Outcome = "approve", Target = "end" },
        ],
        Forms = [new FormDefinition { Id = "start", Fields = [new FormField { Name = "majorName", Label = "专业名称" }] }],
    };

    [Fact]
    public void Compare_SameDefinitionParsedAgain_IsEmpty()
    {
        var copy = DefinitionJson.Parse(DefinitionJson.Serialize(Approval()));

        var changes = DefinitionDiff.Compare(Approval(), copy);

        Assert.True(changes.IsEmpty);
        Assert.False(changes.VariablesChanged);
        Assert.False(changes.FormsChanged);
    }

    [Fact]
    public void Compare_ProvinceStepInserted_ListsTheNodeAndTheRewiredEdges()
    {
        var before = Approval();
        var after = before with
        {
            Nodes = [.. before.Nodes, new NodeDefinition { Id = "province", Kind = "Approval", Name = "省厅审批" }],
            Edges =
            [
                before.Edges[0],
                new EdgeDefinition { Source = "city", Outcome = "approve", Target = "province" },
                new EdgeDefinition { Source = "province", Outcome = "approve", Target = "end" },
            ],
        };

        var changes = DefinitionDiff.Compare(before, after);

        Assert.Equal(["province"], changes.AddedNodes);
        Assert.Empty(changes.RemovedNodes);
        Assert.Empty(changes.ChangedNodes);
        Assert.Equal(["city→province", "province→end"], changes.AddedEdges.Select(e => $"{e.Source}→{e.Target}"));
        Assert.Equal("city→end", Assert.Single(changes.RemovedEdges.Select(e => $"{e.Source}→{e.Target}")));
        Assert.False(changes.IsEmpty);
    }

    [Fact]
    public void Compare_NodeEdited_SaysWhichPartChanged()
    {
        var before = Approval();
        var after = before with
        {
            Nodes =
            [
                before.Nodes[0] with { Position = new NodePosition(0, 80) },
                before.Nodes[1] with
                {
                    Name = "市人社局审核",
                    Inputs = new JsonObject
                    {
                        ["assignee"] = new JsonObject { ["role"] = "city_reviewer", ["org"] = "initiator.parent" },
                        ["dueInWorkingDays"] = 5,
                    },
                },
                before.Nodes[2] with { Kind = "Terminate" },
            ],
        };

        var changes = DefinitionDiff.Compare(before, after);

        Assert.Equal(
            [
                new NodeChange("start", false, false, false, true),
                new NodeChange("city", false, true, true, false),
                new NodeChange("end", true, false, false, false),
            ],
            changes.ChangedNodes);
        Assert.Empty(changes.AddedNodes);
        Assert.Empty(changes.AddedEdges);
    }

    [Fact]
    public void Compare_NodeRemoved_ListsItAndItsEdges()
    {
        var before = Approval();
        var after = before with { Nodes = [before.Nodes[0], before.Nodes[2]], Edges = [] };

        var changes = DefinitionDiff.Compare(before, after);

        Assert.Equal(["city"], changes.RemovedNodes);
        Assert.Equal(2, changes.RemovedEdges.Count);
    }

    [Fact]
    public void Compare_VariablesAndForms_ListAddedRemovedAndChangedByName()
    {
        var before = Approval();
        var after = before with
        {
            Variables = [new VariableDefinition { Name = "score", Type = "number", Default = 60 }, new VariableDefinition { Name = "notice" }],
            Forms =
            [
                new FormDefinition { Id = "start", Fields = [new FormField { Name = "majorName", Label = "专业名称", Required = true }] },
                new FormDefinition { Id = "review", Title = "审核意见" },
            ],
        };

        var changes = DefinitionDiff.Compare(before, after);

        Assert.Equal(["notice"], changes.AddedVariables);
        Assert.Equal(["result"], changes.RemovedVariables);
        Assert.Equal(["score"], changes.ChangedVariables);
        Assert.Equal(["review"], changes.AddedForms);
        Assert.Empty(changes.RemovedForms);
        Assert.Equal(["start"], changes.ChangedForms);
        Assert.True(changes.VariablesChanged);
        Assert.True(changes.FormsChanged);
        Assert.Empty(changes.ChangedNodes);
    }
}
