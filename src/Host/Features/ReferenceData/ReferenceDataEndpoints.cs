// /api/reference-lists: the lists processes choose from (the majors catalogue, the construction majors); everyone
// signed in reads them, administrators keep them.
using Approvals.Host.Features.Auth;
using Mediator;

namespace Approvals.Host.Features.ReferenceData;

internal static class ReferenceDataEndpoints
{
    public static IEndpointRouteBuilder MapReferenceData(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reference-lists").WithTags("参考目录").RequireAuthorization();
        group.MapGet("/", (ISender sender, CancellationToken ct) => sender.Send(new ListReferenceLists(), ct));
        group.MapGet("/{listId}", (string listId, bool? all, ISender sender, CancellationToken ct) =>
            sender.Send(new GetReferenceList(listId, all ?? false), ct));
        group.MapPut("/{listId}/items/{code}", (string listId, string code, SaveReferenceItem.Body body, ISender sender, CancellationToken ct) =>
                sender.Send(new SaveReferenceItem(listId, code, body.Name, body.SortOrder, body.Active), ct))
            .RequireAuthorization(AuthSetup.AdministratorsOnly);
        return app;
    }
}
