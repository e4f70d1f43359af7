// Check a definition without storing it: every problem at once, each with the node the designer marks.
using Approvals.Host.Requests;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Definitions;

public sealed record ValidateDefinition(DefinitionBody Body) : IApiQuery;

/// <summary>
/// Outcomes: per node id, the outcomes the engine reads from that node as the definition stands (a Switch's branches, a
/// UserTask's results), so the designer draws one handle per outcome without knowing any activity.
/// </summary>
public sealed record ValidationReport(
    bool Valid, IReadOnlyList<DefinitionProblem> Problems, IReadOnlyDictionary<string, IReadOnlyList<CatalogueOutcome>> Outcomes);

internal sealed class ValidateDefinitionValidator : AbstractValidator<ValidateDefinition>
{
    public ValidateDefinitionValidator(ActivityRegistry activities) => RuleFor(c => c.Body).ReadableDefinition(activities);
}

internal sealed class ValidateDefinitionHandler(DefinitionValidator validator, ActivityRegistry activities)
    : IQueryHandler<ValidateDefinition, IResult>
{
    public ValueTask<IResult> Handle(ValidateDefinition query, CancellationToken cancellationToken)
    {
        var definition = query.Body.Definition!;
        var problems = validator.Validate(definition);
        return ValueTask.FromResult(Results.Ok(new ValidationReport(problems.Count == 0, problems, OutcomesOf(definition))));
    }

    /// <summary>Nodes of an unknown kind are left out; the validator reports them. A node id given twice keeps its first.</summary>
    private Dictionary<string, IReadOnlyList<CatalogueOutcome>> OutcomesOf(WorkflowDefinition definition)
    {
        var outcomes = new Dictionary<string, IReadOnlyList<CatalogueOutcome>>(StringComparer.Ordinal);
        foreach (var node in definition.Nodes)
        {
            if (activities.Find(node.Kind) is { } activity && !outcomes.ContainsKey(node.Id))
            {
                outcomes[node.Id] = [.. activity.OutcomesOf(node).Select(o => new CatalogueOutcome(o, activity.OutcomeName(node, o) ?? o))];
            }
        }

        return outcomes;
    }
}
