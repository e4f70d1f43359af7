// The majors of one school: the school itself, its city and the province see them; anyone else is told there is no
// such school, as with a case.
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Majors;

public sealed record ListSchoolMajors(string OrgId) : IApiQuery;

public sealed record SchoolMajorView(string Code, string Name, string Status, string StatusName, DateTime FiledAt, DateTime UpdatedAt, string CaseId);

public sealed record SchoolMajorsView(string OrgId, string OrgName, IReadOnlyList<SchoolMajorView> Items);

internal sealed class ListSchoolMajorsHandler(WorkflowDatabase database, CaseScope scope, Names names) : IQueryHandler<ListSchoolMajors, IResult>
{
    public async ValueTask<IResult> Handle(ListSchoolMajors query, CancellationToken cancellationToken)
    {
        if (!(await scope.ReachAsync(cancellationToken)).Contains(query.OrgId))
        {
            return ApiProblems.NotFound("没有找到该学校，或您无权查看其专业。");
        }

        await using var db = database.CreateContext();
        var records = await db.Registry.AsNoTracking()
            .Where(r => r.Collection == SchoolMajors.Collection && r.OrgId == query.OrgId)
            .OrderBy(r => r.Key)
            .ToListAsync(cancellationToken);
        var orgName = (await names.OrganizationsAsync([query.OrgId], cancellationToken)).GetValueOrDefault(query.OrgId) ?? query.OrgId;
        return Results.Ok(new SchoolMajorsView(query.OrgId, orgName, records.Select(r => new SchoolMajorView(
            r.Key, r.Name, r.Status, SchoolMajors.StatusName(r.Status), r.CreatedAt, r.UpdatedAt, r.InstanceId.ToString())).ToArray()));
    }
}
