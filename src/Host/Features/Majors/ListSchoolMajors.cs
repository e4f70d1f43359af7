// The majors of one school: the school itself, its city and the province see them; anyone else is told there is no
// such school, as with a case.
using Approvals.Host.Requests;
using Mediator;

namespace Approvals.Host.Features.Majors;

public sealed record ListSchoolMajors(string OrgId) : IApiQuery;

public sealed record SchoolMajorView(string Code, string Name, string Status, string StatusName, DateTime FiledAt, DateTime UpdatedAt, string CaseId);

public sealed record SchoolMajorsView(string OrgId, string OrgName, IReadOnlyList<SchoolMajorView> Items);

internal sealed class ListSchoolMajorsHandler(OrganizationRecords records) : IQueryHandler<ListSchoolMajors, IResult>
{
    public async ValueTask<IResult> Handle(ListSchoolMajors query, CancellationToken cancellationToken) =>
        await records.ReadAsync(query.OrgId, SchoolMajors.Collection, cancellationToken) is { } view
            ? Results.Ok(new SchoolMajorsView(view.OrgId, view.OrgName, view.Items.Select(r => new SchoolMajorView(
                r.Key, r.Name, r.Status, r.StatusName, r.CreatedAt, r.UpdatedAt, r.CaseId)).ToArray()))
            : ApiProblems.NotFound("没有找到该学校，或您无权查看其专业。");
}
