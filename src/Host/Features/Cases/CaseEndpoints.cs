// /api/cases: start a case, read it (form, current steps, timeline, diagram), withdraw, cancel, comment, object to it
// while on public notice, copy it to people; /api/notices: the notices (公示) open to the caller.
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Mediator;

namespace Approvals.Host.Features.Cases;

internal static class CaseEndpoints
{
    public sealed record ReasonBody(string? Reason);

    public sealed record CommentBody(string? Text);

    public sealed record CopyBody(IReadOnlyList<string>? UserIds);

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases").WithTags("案件").RequireAuthorization();
        group.MapPost("/", (StartCase command, ISender sender, CancellationToken ct) => sender.Send(command, ct));
        group.MapGet("/{id:guid}", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new GetCase(new InstanceId(id)), ct));
        group.MapPost("/{id:guid}/withdraw", (Guid id, ReasonBody? body, ISender sender, CancellationToken ct) =>
            sender.Send(new WithdrawCase(new InstanceId(id), body?.Reason), ct));
        group.MapPost("/{id:guid}/cancel", (Guid id, ReasonBody? body, ISender sender, CancellationToken ct) =>
            sender.Send(new CancelCase(new InstanceId(id), body?.Reason), ct));
        group.MapPost("/{id:guid}/comments", (Guid id, CommentBody body, ISender sender, CancellationToken ct) =>
            sender.Send(new CommentOnCase(new InstanceId(id), body.Text), ct));
        group.MapPost("/{id:guid}/objections", (Guid id, ReasonBody body, ISender sender, CancellationToken ct) =>
            sender.Send(new RaiseObjection(new InstanceId(id), body.Reason), ct));
        group.MapPost("/{id:guid}/copies", (Guid id, CopyBody body, ISender sender, CancellationToken ct) =>
            sender.Send(new CopyCase(new InstanceId(id), body.UserIds ?? []), ct));

        app.MapGet("/api/notices", (ISender sender, CancellationToken ct) => sender.Send(new ListNotices(), ct))
            .WithTags("公示公告").RequireAuthorization();
        return app;
    }

    /// <summary>The JSON object a client sent, or an empty one.</summary>
    public static JsonObject OrEmpty(this JsonObject? value) => value ?? [];
}
