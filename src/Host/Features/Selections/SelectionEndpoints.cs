// Selections by batch (遴选批次): a school applies to a batch's open window, checks its form while filling it, the
// province grants a school an exception to its quota, anyone concerned reads the batch's progress, and anyone signed
// in lists the batches open for applications.
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Mediator;

namespace Approvals.Host.Features.Selections;

internal static class SelectionEndpoints
{
    public sealed record ApplicationBody(JsonObject? Form);

    public sealed record QuotaExceptionBody(string? OrgId, int? Quota, string? Reason);

    public static IEndpointRouteBuilder MapSelections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cases/{id:guid}").WithTags("遴选批次").RequireAuthorization();
        group.MapPost("/applications", (Guid id, ApplicationBody body, ISender sender, CancellationToken ct) =>
            sender.Send(new ApplyToBatch(new InstanceId(id), body.Form), ct));
        group.MapPost("/applications/check", (Guid id, ApplicationBody body, ISender sender, CancellationToken ct) =>
            sender.Send(new CheckApplication(new InstanceId(id), body.Form), ct));
        group.MapPost("/quota-exceptions", (Guid id, QuotaExceptionBody body, ISender sender, CancellationToken ct) =>
            sender.Send(new GrantSpecialQuota(new InstanceId(id), body.OrgId, body.Quota, body.Reason), ct));
        group.MapGet("/dashboard", (Guid id, ISender sender, CancellationToken ct) => sender.Send(new GetBatchDashboard(new InstanceId(id)), ct));
        app.MapGet("/api/batches", (ISender sender, CancellationToken ct) => sender.Send(new ListOpenBatches(), ct))
            .WithTags("遴选批次").RequireAuthorization();
        return app;
    }
}
