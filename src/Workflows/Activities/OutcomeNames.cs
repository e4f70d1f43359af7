// The names a definition gives the outcomes it chooses itself (a UserTask's "outcomes", a Switch's branches), so a
// person reads "拨付" on the button and the diagram instead of the code "paid".
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Activities;

public static class OutcomeNames
{
    /// <summary>The input holding them: {"paid": "拨付"}.</summary>
    public const string Input = "outcomeNames";

    public const string Description = "每个结果显示给办理人的中文名称，如 {\"paid\": \"拨付\"}；不填时显示结果本身";

    /// <summary>Each name must be text and belong to an outcome the node has.</summary>
    public static IEnumerable<DefinitionProblem> Validate(NodeDefinition node, IReadOnlyList<string> outcomes)
    {
        if (!node.Inputs.TryGetPropertyValue(Input, out var value) || value is null)
        {
            yield break;
        }

        if (value is not JsonObject names)
        {
            yield return new(node.Id, "bad-outcome-names", $"“{node.DisplayName}”的结果名称应为 {{\"结果\": \"名称\"}} 形式。");
            yield break;
        }

        foreach (var (outcome, name) in names)
        {
            if (!outcomes.Contains(outcome))
            {
                yield return new(node.Id, "bad-outcome-names", $"“{node.DisplayName}”没有结果“{outcome}”，不能为它命名。");
            }
            else if (name is not JsonValue text || text.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetValue<string>()))
            {
                yield return new(node.Id, "bad-outcome-names", $"“{node.DisplayName}”的结果“{outcome}”的名称应为文字。");
            }
        }
    }
}
