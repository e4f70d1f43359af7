// 字段权限 on the case page: whoever sees a case only through their work at some of its steps (an expert, a bureau)
// does not see the fields those steps hide — not in the form, not in the journal's record of the form, not as files.
// Whoever sees the case whole through their organisation (the school, its city, the province) sees every field.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Organizations;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Cases;

internal sealed class HiddenFields
{
    private static readonly HiddenFields None = new(new HashSet<string>());

    private readonly IReadOnlySet<string> fields;

    private HiddenFields(IReadOnlySet<string> fields) => this.fields = fields;

    public bool Any => fields.Count > 0;

    /// <summary>The hidden fields by name, so the page leaves out their labels too.</summary>
    public IReadOnlyList<string> Names => [.. fields.Order(StringComparer.Ordinal)];

    public bool Contains(string field) => fields.Contains(field);

    public static async Task<HiddenFields> ForCallerAsync(
        WorkflowDbContext db, CaseScope scope, WorkflowInstance instance, WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var declared = definition.Nodes.SelectMany(FieldAccess.HiddenAt).ToHashSet(StringComparer.Ordinal);
        if (declared.Count == 0 || (await scope.ReachAsync(cancellationToken)).Contains(instance.InitiatorOrgId))
        {
            return None;
        }

        var user = scope.User;
        var roles = user.Roles.ToArray();
        var steps = await db.HumanTasks.AsNoTracking()
            .Where(t => t.InstanceId == instance.Id
                        && (t.AssigneeUserId == user.Id || t.DelegatedToUserId == user.Id || t.CompletedBy == user.Id
                            || (t.AssigneeUserId == null && t.AssigneeOrgId == user.OrgId && roles.Contains(t.AssigneeRole!))))
            .Select(t => t.NodeId).Distinct().ToListAsync(cancellationToken);

        // Someone with no work in the case (a copy sent to them) is hidden whatever any step hides.
        return new HiddenFields(steps.Count == 0
            ? declared
            : steps.SelectMany(id => definition.FindNode(id) is { } node ? FieldAccess.HiddenAt(node) : Enumerable.Empty<string>()).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The form without the hidden fields.</summary>
    public JsonNode? Form(JsonNode? form) => form is JsonObject values && Any ? Without(values) : form;

    /// <summary>A journal entry's data without the hidden fields: the form a case started with, the fields a step changed.</summary>
    public JsonNode? JournalData(string kind, JsonNode? data)
    {
        if (!Any || data is not JsonObject entry)
        {
            return data;
        }

        return kind switch
        {
            "started" when entry["form"] is JsonObject form => With(entry, "form", Without(form)),
            "form-changed" when entry["fields"] is JsonObject changed => With(entry, "fields", Without(changed)),
            _ => data,
        };
    }

    /// <summary>The attachment ids a hidden file field holds, so the case's file list leaves them out.</summary>
    public IReadOnlySet<string> AttachmentIds(JsonNode? form) =>
        form is JsonObject values && Any
            ? values.Where(v => fields.Contains(v.Key) && v.Value is JsonValue).Select(v => v.Value!.ToString()).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>();

    private JsonObject Without(JsonObject values)
    {
        var kept = new JsonObject();
        foreach (var (name, value) in values)
        {
            if (!fields.Contains(name))
            {
                kept[name] = value?.DeepClone();
            }
        }

        return kept;
    }

    private static JsonObject With(JsonObject entry, string name, JsonObject replacement)
    {
        var copy = (JsonObject)entry.DeepClone();
        copy[name] = replacement;
        return copy;
    }
}
