using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Tests.Definitions;

public sealed class DefinitionDiffTests
{
    private static readonly WorkflowDefinition Filing = DefinitionJson.Parse("""
        {
          "id": "filing", "name": "备案",
          "variables": [ { "name": "result" } ],
          "forms": [ { "id": "start", "fields": [ { "name": "majorName", "label": "专业名称", "required": true } ] } ],
          "nodes": [
            { "id": "start", "kind": "Start", "position": { "x": 0, "y": 0 } },
            { "id": "city", "kind": "Approval", "name": "盟市审核",
              "inputs": { "assignee": { "role": "city_reviewer", "org": "initiator.parent" }, "dueInWorkingDays": 15 } },
            { "id": "end", "kind": "End" }
          ],
          "edges": [
            { "source": "start", "outcome": "done", "target": "city" },
            { "source": "city", "outcome": "approve", "target": "end" },
            { "source": "city", "outcome": "reject", "target": "end" }
          ]
        }
        """);

    [Fact]
    public void Compare_SameDefinitionWithNodesMoved_HasNoChanges()
    {
        var moved = Filing with { Nodes = [.. Filing.Nodes.Select(n => n with { Position = new NodePosition(100, 200) })] };

        var changes = DefinitionDiff.Compare(Filing, moved);

        Assert.False(changes.HasChanges);
    }

    [Fact]
    public void Compare_NodeRenamedAndDeadlineChanged_ReportsNameAndTheOneInput()
    {
        var city = Filing.Node("city");
        var inputs = (JsonObject)city.Inputs.DeepClone();
        inputs["dueInWorkingDays"] = 10;
        var after = Replace(Filing, city with { Name = "盟市评估", Inputs = inputs });

        var change = Assert.Single(DefinitionDiff.Compare(Filing, after).ChangedNodes);

        Assert.Equal("city", change.Id);
        Assert.True(change.NameChanged);
        Assert.False(change.KindChanged);
        Assert.Equal(["dueInWorkingDays"], change.ChangedInputs);
        Assert.Equal("盟市审核", change.Before.Name);
        Assert.Equal("盟市评估", change.After.Name);
    }

    [Fact]
    public void Compare_InputSetToNullInsteadOfLeftOut_IsNoChange()
    {
        var inputs = (JsonObject)Filing.Node("city").Inputs.DeepClone();
        inputs["title"] = null;

        var changes = DefinitionDiff.Compare(Filing, Replace(Filing, Filing.Node("city") with { Inputs = inputs }));

        Assert.Empty(changes.ChangedNodes);
    }

    [Fact]
    public void Compare_KindChanged_IsReported()
    {
        var changes = DefinitionDiff.Compare(Filing, Replace(Filing, Filing.Node("city") with { Kind = "Countersign" }));

        Assert.True(Assert.Single(changes.ChangedNodes).KindChanged);
    }

    [Fact]
    public void Compare_NodeInsertedBetweenTwo_ReportsAddedNodeAndRewiredEdges()
    {
        var after = Filing with
        {
            Nodes = [.. Filing.Nodes, new NodeDefinition { Id = "province", Kind = "Approval", Name = "自治区备案" }],
            Edges =
            [
                Filing.Edges[0],
                new EdgeDefinition { Source = "city", Outcome = "approve", Target = "province" },
                new EdgeDefinition { Source = "province", Outcome = "approve", Target = "end" },
                Filing.Edges[2],
            ],
        };

        var changes = DefinitionDiff.Compare(Filing, after);

        Assert.Equal("province", Assert.Single(changes.AddedNodes).Id);
        Assert.Empty(changes.RemovedNodes);
        Assert.Equal(
            [new EdgeDefinition { Source = "city", Outcome = "approve", Target = "province" }, new EdgeDefinition { Source = "province", Outcome = "approve", Target = "end" }],
            changes.AddedEdges);
        Assert.Equal([new EdgeDefinition { Source = "city", Outcome = "approve", Target = "end" }], changes.RemovedEdges);
        Assert.False(changes.VariablesChanged);
        Assert.False(changes.FormsChanged);
    }

    [Fact]
    public void Compare_NodeRemoved_IsReportedWithItsEdges()
    {
        var after = Filing with
        {
            Nodes = [.. Filing.Nodes.Where(n => n.Id != "city")],
            Edges = [new EdgeDefinition { Source = "start", Outcome = "done", Target = "end" }],
        };

        var changes = DefinitionDiff.Compare(Filing, after);

        Assert.Equal(new NodeSummary("city", "Approval", "盟市审核"), Assert.Single(changes.RemovedNodes));
        Assert.Equal(3, changes.RemovedEdges.Count);
        Assert.Single(changes.AddedEdges);
    }

    [Fact]
    public void Compare_FormFieldAddedAndVariableAdded_ReportsFormsAndVariables()
    {
        var form = Filing.Forms[0];
        var after = Filing with
        {
            Variables = [.. Filing.Variables, new VariableDefinition { Name = "score", Type = "number" }],
            Forms = [form with { Fields = [.. form.Fields, new FormField { Name = "teachers", Label = "专任教师人数", Type = "number" }] }],
        };

        var changes = DefinitionDiff.Compare(Filing, after);

        Assert.True(changes.VariablesChanged);
        Assert.True(changes.FormsChanged);
        Assert.Empty(changes.ChangedNodes);
    }

    [Fact]
    public void Compare_StartRoles_AnyoneToSchoolsOnlyIsAChange()
    {
        var schools = Filing with { StartRoles = ["school_applicant"] };

        Assert.True(DefinitionDiff.Compare(Filing, schools).StartRolesChanged);
        Assert.True(DefinitionDiff.Compare(schools, schools with { StartRoles = [] }).HasChanges);
        Assert.False(DefinitionDiff.Compare(schools, schools with { StartRoles = ["school_applicant"] }).HasChanges);
    }

    [Fact]
    public void Compare_NameAndDescription_AreReported()
    {
        var changes = DefinitionDiff.Compare(Filing, Filing with { Name = "专业备案", Description = "新说明" });

        Assert.True(changes.NameChanged);
        Assert.True(changes.DescriptionChanged);
        Assert.True(changes.HasChanges);
    }

    private static WorkflowDefinition Replace(WorkflowDefinition definition, NodeDefinition node) =>
        definition with { Nodes = [.. definition.Nodes.Select(n => n.Id == node.Id ? node : n)] };
}
