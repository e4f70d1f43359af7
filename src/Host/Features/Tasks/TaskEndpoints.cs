// /api/tasks: the work lists and counts, and what a person does with a task.
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Mediator;

namespace Approvals.Host.Features.Tasks;

internal static class TaskEndpoints
{
    public sealed record DecisionBody(string? Comment, JsonObject? Data, string? ReturnTo, string? Outcome);

    public sealed record HandOverBody(string? UserId, string? Comment);

    public sealed record UrgeBody(string? Message);

    public sealed record CommentBody(string? Comment);

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("待办").RequireAuthorization();
        group.MapGet("/", ([AsParameters] ListWork query, ISender sender, CancellationToken ct) => sender.Send(query, ct));
        group.MapGet("/counts", (ISender sender, CancellationToken ct) => sender.Send(new CountWork(), ct));
        group.MapPost("/batch-approve", (BatchApprove command, ISender sender, CancellationToken ct) => sender.Send(command, ct));
        MapDecision(group, "approve");
        MapDecision(group, "reject");
        MapDecision(group, "return");
        MapDecision(group, "resubmit");
        group.MapPost("/{id:guid}/complete", (Guid id, DecisionBody body, ISender sender, CancellationToken ct) =>
            sender.Send(new DecideTask(new TaskId(id), body.Outcome ?? "", body.Comment, body.Data, body.ReturnTo), ct));
        MapHandOver(group, "transfer", HandOver.Transfer);
        MapHandOver(group, "delegate", HandOver.Delegate);
        MapHandOver(group, "add-signer", HandOver.AddSigner);
        group.MapPost("/{id:guid}/hand-back", (Guid id, CommentBody? body, ISender sender, CancellationToken ct) =>
            sender.Send(new HandBackTask(new TaskId(id), body?.Comment), ct));
        group.MapPost("/{id:guid}/urge", (Guid id, UrgeBody? body, ISender sender, CancellationToken ct) =>
            sender.Send(new UrgeTask(new TaskId(id), body?.Message), ct));
        return app;
    }

    private static void MapHandOver(RouteGroupBuilder group, string action, HandOver kind) =>
        group.MapPost($"/{{id:guid}}/{action}", (Guid id, HandOverBody body, ISender sender, CancellationToken ct) =>
            sender.Send(new HandOverTask(new TaskId(id), kind, body.UserId, body.Comment), ct));

    private static void MapDecision(RouteGroupBuilder group, string outcome) =>
        group.MapPost($"/{{id:guid}}/{outcome}", (Guid id, DecisionBody? body, ISender sender, CancellationToken ct) =>
            sender.Send(new DecideTask(new TaskId(id), outcome, body?.Comment, body?.Data, body?.ReturnTo), ct));
}
