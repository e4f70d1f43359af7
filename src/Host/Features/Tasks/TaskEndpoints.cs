// /api/tasks: the work lists and counts, and what a person does with a task.
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Mediator;

namespace Approvals.Host.Features.Tasks;

internal static class TaskEndpoints
{
    public sealed record DecisionBody(string? Comment, JsonObject? Data, string? ReturnTo, string? Outcome);

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
        return app;
    }

    private static void MapDecision(RouteGroupBuilder group, string outcome) =>
        group.MapPost($"/{{id:guid}}/{outcome}", (Guid id, DecisionBody? body, ISender sender, CancellationToken ct) =>
            sender.Send(new DecideTask(new TaskId(id), outcome, body?.Comment, body?.Data, body?.ReturnTo), ct));
}
