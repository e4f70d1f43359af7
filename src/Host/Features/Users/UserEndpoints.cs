// /api/users and /api/roles: accounts and the roles they hold, kept by administrators only.
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Mediator;

namespace Approvals.Host.Features.Users;

internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("用户与角色").RequireAuthorization(AuthSetup.AdministratorsOnly);
        group.MapGet("/", ([AsParameters] ListUsers query, ISender sender, CancellationToken ct) => sender.Send(query, ct));
        group.MapPost("/", (CreateUser command, ISender sender, CancellationToken ct) => sender.Send(command, ct));
        group.MapPut("/{id}", (string id, UpdateUser.Body body, ISender sender, CancellationToken ct) =>
            sender.Send(new UpdateUser(id, body.DisplayName, body.Email, body.OrgId, body.Roles), ct));
        group.MapPost("/{id}/lock", (string id, ISender sender, CancellationToken ct) => sender.Send(new SetUserLock(id, Locked: true), ct));
        group.MapPost("/{id}/unlock", (string id, ISender sender, CancellationToken ct) => sender.Send(new SetUserLock(id, Locked: false), ct));
        group.MapPost("/{id}/password", (string id, ResetUserPassword.Body body, ISender sender, CancellationToken ct) =>
            sender.Send(new ResetUserPassword(id, body.Password), ct));

        app.MapGet("/api/roles", () => Results.Ok(Roles.Names.Select(r => new Choice(r.Key, r.Value)).ToList()))
            .WithTags("用户与角色").RequireAuthorization(AuthSetup.AdministratorsOnly);
        return app;
    }
}
