// Attachments are uploaded while the form is filled and named by id in its file fields; starting the case ties them to it.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Attachments;

internal sealed class AttachmentLinker(ApprovalsDb db, CurrentUser user)
{
    /// <summary>
    /// Form fields naming an attachment that does not exist, is someone else's, or belongs to a case other than
    /// <paramref name="caseId"/> (a form revised on its case keeps naming the files the case already has).
    /// </summary>
    public async Task<Dictionary<string, string[]>> FindUnusableAsync(
        FormDefinition? schema, JsonObject form, InstanceId? caseId, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var references = References(schema, form).ToList();
        if (references.Count == 0)
        {
            return errors;
        }

        var ids = references.Select(r => r.Id).ToHashSet();
        var usable = await db.Attachments.AsNoTracking()
            .Where(a => ids.Contains(a.Id) && a.OrgId == user.OrgId && (a.CaseId == null || a.CaseId == caseId))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        foreach (var (field, id) in references.Where(r => !usable.Contains(r.Id)))
        {
            errors[$"form.{field}"] = [$"附件 {id} 不存在、不属于本单位或已用于其他案件，请重新上传。"];
        }

        return errors;
    }

    /// <summary>Ties the form's attachments to the case; saved with the command's other changes.</summary>
    public async Task LinkAsync(FormDefinition? schema, JsonObject form, InstanceId caseId, CancellationToken cancellationToken)
    {
        var ids = References(schema, form).Select(r => r.Id).ToHashSet();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var attachment in await db.Attachments.Where(a => ids.Contains(a.Id) && a.CaseId == null).ToListAsync(cancellationToken))
        {
            attachment.CaseId = caseId;
        }
    }

    /// <summary>The attachment ids in the schema's file fields: one id, or an array of them.</summary>
    private static IEnumerable<(string Field, Guid Id)> References(FormDefinition? schema, JsonObject form)
    {
        foreach (var field in schema?.Fields.Where(f => f.Type == "file") ?? [])
        {
            var items = form[field.Name] is JsonArray array ? array.AsEnumerable() : [form[field.Name]];
            foreach (var item in items)
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id))
                {
                    yield return (field.Name, id);
                }
            }
        }
    }
}
