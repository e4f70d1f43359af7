// GET /{id}/diff?from=1&to=2: the change between two published versions, for review before and after publishing.
using Approvals.Host.Requests;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Definitions;

public sealed record CompareVersions(string Id, int? From, int? To) : IApiQuery;

public sealed record VersionComparison(string Id, int From, int To, DefinitionChanges Changes);

internal sealed class CompareVersionsValidator : AbstractValidator<CompareVersions>
{
    public CompareVersionsValidator()
    {
        RuleFor(q => q.From).NotNull().GreaterThanOrEqualTo(1).WithName("起始版本（from）");
        RuleFor(q => q.To).NotNull().GreaterThanOrEqualTo(1).WithName("目标版本（to）");
    }
}

internal sealed class CompareVersionsHandler(WorkflowDatabase database, DefinitionStore definitions) : IQueryHandler<CompareVersions, IResult>
{
    public async ValueTask<IResult> Handle(CompareVersions query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var from = await definitions.GetVersionAsync(db, query.Id, query.From!.Value, cancellationToken);
        var to = await definitions.GetVersionAsync(db, query.Id, query.To!.Value, cancellationToken);
        if (from is null || to is null)
        {
            return ApiProblems.NotFound($"流程“{query.Id}”没有第 {(from is null ? query.From : query.To)} 版。");
        }

        var changes = DefinitionDiff.Compare(from.Definition, to.Definition);
        return Results.Ok(new VersionComparison(query.Id, query.From.Value, query.To.Value, changes));
    }
}
