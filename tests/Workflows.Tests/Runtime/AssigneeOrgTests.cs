using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Runtime;

/// <summary>The organisation keywords of an assignee: initiator, .parent and .bureau:kind.</summary>
public sealed class AssigneeOrgTests
{
    [Theory]
    [InlineData("initiator", TestOrganizations.School)]
    [InlineData("initiator.parent", TestOrganizations.City)]
    [InlineData("initiator.parent.bureau:education", TestOrganizations.City + "-edu")]
    [InlineData("initiator.parent.bureau:finance", TestOrganizations.City + "-fin")]
    [InlineData("initiator.parent.parent", TestOrganizations.Province)]
    [InlineData("150100-edu", "150100-edu")]
    public async Task ResolveAssignee_OrgKeyword_AssignsTheTaskToThatOrganisation(string org, string expected)
    {
        await using var engine = await EngineHarness.CreateAsync("sqlite");
        await engine.PublishAsync(OneStep(org));
        var id = await engine.StartAsync("test-assignee-org");

        Assert.Equal(expected, (await engine.SingleOpenTaskAsync(id)).AssigneeOrgId);
    }

    [Theory]
    [InlineData("initiator.parent.bureau:")]
    [InlineData("initiator.sibling")]
    public async Task ResolveAssignee_UnknownKeyword_IsAnIncident(string org)
    {
        await using var engine = await EngineHarness.CreateAsync("sqlite");
        await engine.PublishAsync(OneStep(org));

        var result = await engine.Runtime.StartAsync(new StartRequest("test-assignee-org") { InitiatorUserId = "applicant", InitiatorOrgId = TestOrganizations.School });

        Assert.Empty(await engine.OpenTasksAsync(result.InstanceId!.Value));
        Assert.Contains(await engine.JournalAsync(result.InstanceId!.Value), j => j.Kind == "incident" && j.Data.Contains("无法识别的单位表达式", StringComparison.Ordinal));
    }

    private static WorkflowDefinition OneStep(string org) => DefinitionJson.Parse($$"""
        {
          "id": "test-assignee-org", "name": "单位关键字",
          "nodes": [
            { "id": "start", "kind": "Start" },
            { "id": "step", "kind": "UserTask", "inputs": { "assignee": { "role": "education_reviewer", "org": "{{org}}" } } },
            { "id": "end", "kind": "End" }
          ],
          "edges": [ { "source": "start", "outcome": "done", "target": "step" }, { "source": "step", "outcome": "done", "target": "end" } ]
        }
        """);
}
