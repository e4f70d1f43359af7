// What the processes have recorded about one organisation in a registry collection, for the organisation itself,
// its city and the province; anyone else is told there is no such organisation, as with a case.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Majors;

public sealed record ListOrganizationRecords(string OrgId, string Collection) : IApiQuery;

public sealed record OrganizationRecordView(
    string Key, string Name, string Status, string StatusName, DateTime CreatedAt, DateTime UpdatedAt, string CaseId, JsonObject Data);

public sealed record OrganizationRecordsView(
    string OrgId, string OrgName, string Collection, string CollectionName, IReadOnlyList<OrganizationRecordView> Items);

internal sealed class ListOrganizationRecordsHandler(OrganizationRecords records) : IQueryHandler<ListOrganizationRecords, IResult>
{
    public async ValueTask<IResult> Handle(ListOrganizationRecords query, CancellationToken cancellationToken) =>
        await records.ReadAsync(query.OrgId, query.Collection, cancellationToken) is { } view
            ? Results.Ok(view)
            : Registers.All.ContainsKey(query.Collection)
                ? ApiProblems.NotFound("没有找到该单位，或您无权查看其记录。")
                : ApiProblems.Validation("collection", $"没有名为“{query.Collection}”的登记簿，可查看：{string.Join("、", Registers.All.Keys)}。");
}

/// <summary>The one read of an organisation's registry records, scoped like its cases.</summary>
public sealed class OrganizationRecords(WorkflowDatabase database, CaseScope scope, Names names)
{
    /// <summary>Null for an unknown collection or an organisation outside the caller's reach.</summary>
    public async Task<OrganizationRecordsView?> ReadAsync(string orgId, string collection, CancellationToken cancellationToken)
    {
        if (!Registers.All.TryGetValue(collection, out var register) || !(await scope.ReachAsync(cancellationToken)).Contains(orgId))
        {
            return null;
        }

        await using var db = database.CreateContext();
        var records = await db.Registry.AsNoTracking()
            .Where(r => r.Collection == collection && r.OrgId == orgId)
            .OrderBy(r => r.Key)
            .ToListAsync(cancellationToken);
        var orgName = (await names.OrganizationsAsync([orgId], cancellationToken)).GetValueOrDefault(orgId) ?? orgId;
        return new OrganizationRecordsView(orgId, orgName, collection, register.Name, records.Select(r => new OrganizationRecordView(
            r.Key, r.Name, r.Status, register.StatusName(r.Status), r.CreatedAt, r.UpdatedAt, r.InstanceId.ToString(),
            JsonNode.Parse(r.Data) as JsonObject ?? [])).ToArray());
    }
}
