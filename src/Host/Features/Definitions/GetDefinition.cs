// One published version of a process, the latest unless a version is asked for: the whole definition and who published it.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Definitions;

public sealed record GetDefinition(string Id, int? Version) : IApiQuery;

public sealed record DefinitionView(
    string Id, string Name, int Version, int LatestVersion, DateTime PublishedAt, string? PublishedBy, string? PublishedByName,
    JsonNode Definition);

internal sealed class GetDefinitionValidator : AbstractValidator<GetDefinition>
{
    public GetDefinitionValidator() => RuleFor(q => q.Version).GreaterThanOrEqualTo(1).WithName("版本号");
}

internal sealed class GetDefinitionHandler(WorkflowDatabase database, DefinitionStore definitions, Names names)
    : IQueryHandler<GetDefinition, IResult>
{
    public async ValueTask<IResult> Handle(GetDefinition query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var (latest, wanted, missing) = await PublishedVersions.FindAsync(db, query.Id, query.Version, cancellationToken);
        if (missing is not null)
        {
            return missing;
        }

        var record = await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == query.Id && d.Version == wanted)
            .Select(d => new { d.Id, d.Name, d.PublishedAt, d.PublishedBy })
            .FirstAsync(cancellationToken);
        var definition = await definitions.GetByRecordIdAsync(db, record.Id, cancellationToken);
        var publisher = record.PublishedBy is { } by ? (await names.UsersAsync([by], cancellationToken)).GetValueOrDefault(by, by) : null;
        return Results.Ok(new DefinitionView(
            query.Id, record.Name, wanted, latest, record.PublishedAt, record.PublishedBy, publisher, DefinitionBody.ToJson(definition)));
    }
}
