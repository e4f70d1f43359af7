// /api/definitions: the processes people may start, their versions and differences, the activity catalogue,
// checking a definition, and (administrators only) the cases still following it, drafts, dry runs, publishing and the
// designer's assignee options and expression check.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Workflows.Definitions;
using Mediator;

namespace Approvals.Host.Features.Definitions;

internal static class DefinitionEndpoints
{
    public sealed record DryRunBody(JsonObject? Form, JsonObject? Variables, Dictionary<string, string>? Choices);

    public static IEndpointRouteBuilder MapDefinitions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("流程定义").RequireAuthorization();
        group.MapGet("/", (ISender sender, CancellationToken ct) => sender.Send(new ListDefinitions(), ct));

        // A literal segment outranks {id}, so this is never read as a definition id (and the id is reserved).
        group.MapGet("/catalogue", (ISender sender, CancellationToken ct) => sender.Send(new GetCatalogue(), ct));
        group.MapGet("/assignee-options", (ISender sender, CancellationToken ct) => sender.Send(new GetAssigneeOptions(), ct))
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        group.MapPost("/expressions/check", (CheckExpression body, ISender sender, CancellationToken ct) => sender.Send(body, ct))
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        group.MapPost("/validate", (DefinitionBody body, ISender sender, CancellationToken ct) => sender.Send(new ValidateDefinition(body), ct))
            .Accepts<WorkflowDefinition>("application/json");

        group.MapGet("/{id}", (string id, int? version, ISender sender, CancellationToken ct) => sender.Send(new GetDefinition(id, version), ct));
        group.MapGet("/{id}/versions", (string id, ISender sender, CancellationToken ct) => sender.Send(new ListVersions(id), ct));
        group.MapGet("/{id}/diff", (string id, int? from, int? to, ISender sender, CancellationToken ct) =>
            sender.Send(new CompareVersions(id, from, to), ct));
        group.MapGet("/{id}/cases", ([AsParameters] ListDefinitionCases query, ISender sender, CancellationToken ct) => sender.Send(query, ct))
            .RequireAuthorization(AuthSetup.AdministratorsOnly);

        group.MapGet("/{id}/draft", (string id, ISender sender, CancellationToken ct) => sender.Send(new GetDraft(id), ct))
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        group.MapPut("/{id}/draft", (string id, DefinitionBody body, ISender sender, CancellationToken ct) => sender.Send(new SaveDraft(id, body), ct))
            .Accepts<WorkflowDefinition>("application/json")
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        group.MapDelete("/{id}/draft", (string id, ISender sender, CancellationToken ct) => sender.Send(new DeleteDraft(id), ct))
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        group.MapPost("/{id}/dry-run", (string id, DryRunBody body, ISender sender, CancellationToken ct) =>
                sender.Send(new DryRunDefinition(id, body.Form, body.Variables, body.Choices), ct))
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        group.MapPost("/{id}/publish", (string id, DefinitionBody body, ISender sender, CancellationToken ct) =>
                sender.Send(new PublishDefinition(id, body), ct))
            .Accepts<WorkflowDefinition>("application/json")
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        return app;
    }
}
