// /api/organizations/{orgId}/majors: the majors a school runs, as its filings, warnings and withdrawals left them;
// a bureau issues a warning (专业预警) on one of them from here. /records/{collection}: any registry collection the
// processes keep about an organisation (its majors, its quality-school designation).
using Mediator;

namespace Approvals.Host.Features.Majors;

internal static class MajorsEndpoints
{
    public static IEndpointRouteBuilder MapMajors(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organizations/{orgId}/majors").WithTags("学校专业").RequireAuthorization();
        group.MapGet("/", (string orgId, ISender sender, CancellationToken ct) => sender.Send(new ListSchoolMajors(orgId), ct));
        group.MapPost("/{code}/warning", (string orgId, string code, WarnMajor.Body body, ISender sender, CancellationToken ct) =>
            sender.Send(new WarnMajor(orgId, code, body.Reason, body.Detail, body.EmploymentRate), ct));
        app.MapGet("/api/organizations/{orgId}/records/{collection}", (string orgId, string collection, ISender sender, CancellationToken ct) =>
                sender.Send(new ListOrganizationRecords(orgId, collection), ct))
            .WithTags("学校专业").RequireAuthorization();
        return app;
    }
}
