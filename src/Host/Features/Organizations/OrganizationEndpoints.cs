// /api/organizations: the tree everyone signed in reads (their own part of it), administrators keep.
using Approvals.Host.Features.Auth;
using Mediator;

namespace Approvals.Host.Features.Organizations;

internal static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organizations").WithTags("组织机构").RequireAuthorization();
        group.MapGet("/", (ISender sender, CancellationToken ct) => sender.Send(new ListOrganizations(), ct));
        group.MapPost("/", (AddOrganization command, ISender sender, CancellationToken ct) => sender.Send(command, ct))
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        group.MapPut("/{id}", (string id, UpdateOrganization.Body body, ISender sender, CancellationToken ct) =>
                sender.Send(new UpdateOrganization(id, body.Name, body.SchoolType), ct))
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        return app;
    }
}
