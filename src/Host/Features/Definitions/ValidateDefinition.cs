// Check a definition without storing it: every problem at once, each with the node the designer marks.
using Approvals.Host.Requests;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Definitions;

public sealed record ValidateDefinition(DefinitionBody Body) : IApiQuery;

public sealed record ValidationReport(bool Valid, IReadOnlyList<DefinitionProblem> Problems);

internal sealed class ValidateDefinitionValidator : AbstractValidator<ValidateDefinition>
{
    public ValidateDefinitionValidator(ActivityRegistry activities) => RuleFor(c => c.Body).ReadableDefinition(activities);
}

internal sealed class ValidateDefinitionHandler(DefinitionValidator validator) : IQueryHandler<ValidateDefinition, IResult>
{
    public ValueTask<IResult> Handle(ValidateDefinition query, CancellationToken cancellationToken)
    {
        var problems = validator.Validate(query.Body.Definition!);
        return ValueTask.FromResult(Results.Ok(new ValidationReport(problems.Count == 0, problems)));
    }
}
