// Exports a bureau files or prints, each of a case or school the caller can see: the reward table, the selection
// list, the notice text (公示/公告) and a school's majors, as an .xlsx workbook, a print-ready page or (the notice)
// plain text.
using Approvals.Workflows.Persistence;
using Mediator;

namespace Approvals.Host.Features.Exports;

internal static class ExportEndpoints
{
    /// <summary>A template a bureau drafts, to see it on the case's data before using it.</summary>
    public sealed record NoticeDraft(string? Template, string? Format, int? Days, string? Contact);

    public static IServiceCollection AddExports(this IServiceCollection services) =>
        services.AddScoped<CaseExports>().AddScoped<NoticeComposer>().AddSingleton<NoticeTemplates>();

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases/{id:guid}/exports").WithTags("导出").RequireAuthorization();
        cases.MapGet("/rewards", (Guid id, string? format, ISender sender, CancellationToken ct) =>
            sender.Send(new ExportRewardTable(new InstanceId(id), format), ct));
        cases.MapGet("/selection", (Guid id, string? format, ISender sender, CancellationToken ct) =>
            sender.Send(new ExportSelectionList(new InstanceId(id), format), ct));
        cases.MapGet("/notice", (Guid id, string? kind, string? format, int? days, string? contact, ISender sender, CancellationToken ct) =>
            sender.Send(new ExportNotice(new InstanceId(id), kind, format, days, contact), ct));
        cases.MapPost("/notice/preview", (Guid id, NoticeDraft draft, ISender sender, CancellationToken ct) =>
            sender.Send(new PreviewNotice(new InstanceId(id), draft.Template, draft.Format, draft.Days, draft.Contact), ct));

        var organizations = app.MapGroup("/api/organizations/{orgId}/exports").WithTags("导出").RequireAuthorization();
        organizations.MapGet("/majors", (string orgId, string? format, ISender sender, CancellationToken ct) =>
            sender.Send(new ExportSchoolMajors(orgId, format), ct));
        return app;
    }
}
