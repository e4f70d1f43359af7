using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Tests.Definitions;

/// <summary>The shipped 工学一体化 definitions pass the validator the designer and the host's start-up use.</summary>
public sealed class WorkStudyDefinitionsTests
{
    [Theory]
    [InlineData("ythh-application.json")]
    [InlineData("ythh-batch.json")]
    public async Task Validate_ShippedDefinition_HasNoProblems(string file)
    {
        var definition = await DefinitionJson.LoadAsync(Path.Combine(AppContext.BaseDirectory, "Shipped", file));

        var problems = new DefinitionValidator(ActivityRegistry.Default).Validate(definition);

        Assert.Empty(problems.Select(p => $"{p.NodeId}: {p.Message}"));
    }
}
