// /api/attachments: upload (size and type checked by content, stored with its SHA-256) and download, scoped.
using System.Security.Cryptography;
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Attachments;

internal static class AttachmentEndpoints
{
    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/attachments").WithTags("附件").RequireAuthorization();
        group.MapPost("/", UploadAsync).DisableAntiforgery();
        group.MapGet("/{id:guid}", DownloadAsync);
        return app;
    }

    public static long MaxBytes(IConfiguration configuration) => configuration.GetValue("Approvals:MaxAttachmentBytes", 20L * 1024 * 1024);

    private static async Task<IResult> UploadAsync(
        HttpRequest request, ApprovalsDb db, CurrentUser user, IConfiguration configuration, TimeProvider clock, CancellationToken cancellationToken)
    {
        var limit = MaxBytes(configuration);
        if (request.ContentLength > limit + 64 * 1024)
        {
            return ApiProblems.TooLarge($"附件不能超过 {limit / 1024 / 1024} MB。");
        }

        if (!request.HasFormContentType)
        {
            return ApiProblems.UnsupportedType("请以 multipart/form-data 上传文件，字段名为 file。");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return ApiProblems.Validation("file", "请选择要上传的文件（字段名 file），文件不能为空。");
        }

        if (file.Length > limit)
        {
            return ApiProblems.TooLarge($"附件不能超过 {limit / 1024 / 1024} MB。");
        }

        if (FileSignatures.ProblemWithName(file.FileName) is { } badName)
        {
            return ApiProblems.Validation("file", badName);
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var fileName = file.FileName;
        if (FileSignatures.Recognise(fileName, content) is not { } contentType)
        {
            return ApiProblems.UnsupportedType($"文件“{fileName}”的内容与其类型不符或类型不受支持，只接受 {FileSignatures.AcceptedList}。");
        }

        var attachment = new Attachment
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            OrgId = user.OrgId,
            UploadedBy = user.Id,
            FileName = fileName.Length > 255 ? fileName[^255..] : fileName,
            ContentType = contentType,
            Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Attachments.Add(attachment);
        db.Audit.Add(new AuditEntry { At = attachment.CreatedAt, UserId = user.Id, Action = "attachment-uploaded", Target = attachment.Id.ToString() });
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/attachments/{attachment.Id}", View(attachment));
    }

    private static async Task<IResult> DownloadAsync(
        Guid id, HttpResponse response, ApprovalsDb db, CaseScope scope, WorkflowDatabase database, CancellationToken cancellationToken)
    {
        // The browser takes the stored type as given: a file that is also a page of HTML is never run as one.
        response.Headers.XContentTypeOptions = "nosniff";
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (attachment is null || !await CanReadAsync(attachment, scope, database, cancellationToken))
        {
            return ApiProblems.NotFound("附件不存在或无权查看。");
        }

        return Results.File(attachment.Content, attachment.ContentType, attachment.FileName);
    }

    private static async Task<bool> CanReadAsync(Attachment attachment, CaseScope scope, WorkflowDatabase database, CancellationToken cancellationToken)
    {
        if (attachment.UploadedBy == scope.User.Id || (await scope.ReachAsync(cancellationToken)).Contains(attachment.OrgId))
        {
            return true;
        }

        if (attachment.CaseId is not { } caseId)
        {
            return false;
        }

        await using var engine = database.CreateContext();
        return await scope.CanSeeCaseAsync(engine, caseId, cancellationToken);
    }

    private static AttachmentView View(Attachment a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.CreatedAt);
}
