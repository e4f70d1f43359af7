// Which of a definition's forms the applicant fills: the one its Start node names.
using Approvals.Workflows.Definitions;

namespace Approvals.Host.Features.Cases;

internal static class DefinitionForms
{
    public static FormDefinition? StartForm(this WorkflowDefinition definition)
    {
        var start = definition.Nodes.FirstOrDefault(n => n.Kind == "Start");
        var formId = start?.Inputs["form"]?.ToString();
        return formId is null ? null : definition.Forms.FirstOrDefault(f => f.Id == formId);
    }
}
