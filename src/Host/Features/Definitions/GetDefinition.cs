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
        var versions = db.Definitions.AsNoTracking().Where(d => d.DefinitionId == query.Id);
        var latest = await versions.MaxAsync(d => (int?)d.Version, cancellationToken);
        if (latest is null)
        {
            return ApiProblems.NotFound($"流程“{query.Id}”不存在或尚未发布。");
        }

        var wanted = query.Version ?? latest.Value;
        var record = await versions.Where(d => d.Version == wanted)
            .Select(d => new { d.Id, d.Name, d.PublishedAt, d.PublishedBy })
            .FirstOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return ApiProblems.NotFound($"流程“{query.Id}”没有第 {wanted} 版（最新为第 {latest} 版）。");
        }

        var definition = await definitions.GetByRecordIdAsync(db, record.Id, cancellationToken);
        var publisher = record.PublishedBy is { } by ? (await names.UsersAsync([by], cancellationToken)).GetValueOrDefault(by, by) : null;
        return Results.Ok(new DefinitionView(
            query.Id, record.Name, wanted, latest.Value, record.PublishedAt, record.PublishedBy, publisher, DefinitionBody.ToJson(definition)));
    }
}
