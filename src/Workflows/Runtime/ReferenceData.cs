// Reference lists as processes read them: the options of a form field that names a list, and a list's entries for
// an activity (the construction majors a batch allows, say).
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Runtime;

/// <summary>An active entry of a reference list.</summary>
public sealed record ReferenceEntry(string Code, string Name);

public static class ReferenceData
{
    /// <summary>The active entries of a list in its order; empty for a list that does not exist.</summary>
    public static async Task<IReadOnlyList<ReferenceEntry>> GetListAsync(WorkflowDbContext db, string listId, CancellationToken cancellationToken) =>
        await db.ReferenceItems.AsNoTracking()
            .Where(i => i.ListId == listId && i.Active)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code)
            .Select(i => new ReferenceEntry(i.Code, i.Name))
            .ToListAsync(cancellationToken);

    /// <summary>The form with each field (and table column) that names a list given that list's active codes as options.</summary>
    public static async Task<FormDefinition> ResolveOptionsAsync(WorkflowDbContext db, FormDefinition form, CancellationToken cancellationToken)
    {
        var lists = form.Fields.SelectMany(f => (f.Columns ?? []).Append(f)).Select(f => f.OptionsFrom).OfType<string>().Distinct().ToArray();
        if (lists.Length == 0)
        {
            return form;
        }

        var codes = (await db.ReferenceItems.AsNoTracking()
                .Where(i => lists.Contains(i.ListId) && i.Active)
                .Select(i => new { i.ListId, i.Code })
                .ToListAsync(cancellationToken))
            .ToLookup(i => i.ListId, i => i.Code);
        return form with { Fields = form.Fields.Select(Resolve).ToArray() };

        FormField Resolve(FormField field) => field with
        {
            Options = field.OptionsFrom is { } list ? codes[list].ToArray() : field.Options,
            Columns = field.Columns?.Select(Resolve).ToArray(),
        };
    }
}
