// The rules a definition sent by a client obeys before it is checked, stored as a draft or published.
using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using FluentValidation;

namespace Approvals.Host.Features.Definitions;

internal static class DefinitionRules
{
    /// <summary>The widths of the id and name columns in the engine's and the host's tables.</summary>
    private const int MaxIdLength = 100;
    private const int MaxNameLength = 200;

    /// <summary>GET /api/definitions/catalogue and /assignee-options are the designer's, so a definition of either id could never be read.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "catalogue", "assignee-options" };

    public static IRuleBuilderOptions<T, string> DefinitionId<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty()
        .MaximumLength(MaxIdLength)
        .Must(id => !Reserved.Contains(id)).WithMessage((_, id) => $"“{id}”是保留字，不能用作流程标识。")
        .WithName("流程标识");

    /// <summary>The body must hold a definition: an empty one is an error, and so is every field that could not be read.</summary>
    public static IRuleBuilderOptionsConditions<T, DefinitionBody> ReadableDefinition<T>(this IRuleBuilder<T, DefinitionBody> rule, ActivityRegistry activities) =>
        rule.Custom((body, context) =>
        {
            if (body.IsEmpty)
            {
                context.AddFailure("body", "请求内容为空：请提交流程定义 JSON。");
            }

            foreach (var (field, messages) in body.Errors)
            {
                foreach (var message in messages)
                {
                    context.AddFailure(field, message);
                }
            }

            if (body.Definition is { Name.Length: > MaxNameLength })
            {
                context.AddFailure("name", $"流程名称不能超过 {MaxNameLength} 个字符。");
            }

            foreach (var path in body.Definition is { } definition ? MisshapenBranches(definition, activities) : [])
            {
                context.AddFailure(path, $"“{path}”应为一个分支对象，如 {{\"outcome\": \"…\", \"condition\": \"…\"}}。");
            }
        });

    /// <summary>The engine's validator reads every branch of a "cases" input as an object and throws on anything else,
    /// so a branch of another shape is a field error here instead.</summary>
    private static IEnumerable<string> MisshapenBranches(WorkflowDefinition definition, ActivityRegistry activities)
    {
        for (var n = 0; n < definition.Nodes.Count; n++)
        {
            var node = definition.Nodes[n];
            var casesInputs = activities.Find(node.Kind)?.Descriptor.Inputs.Where(i => i.Type == InputType.Cases) ?? [];
            foreach (var input in casesInputs)
            {
                if (node.Inputs[input.Name] is not JsonArray cases)
                {
                    continue;
                }

                for (var c = 0; c < cases.Count; c++)
                {
                    if (cases[c] is not (null or JsonObject))
                    {
                        yield return $"nodes[{n}].inputs.{input.Name}[{c}]";
                    }
                }
            }
        }
    }
}
