// A batch's application window as its journal records it: when it opened and on what terms (the child process,
// the quota of each school type) and the province's exceptions for single schools. The dashboard and the list of
// open batches read a school's quota the same way from here.
using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Selections;

internal sealed class WindowQuotas
{
    private readonly JsonNode? opened;
    private readonly Dictionary<string, int> special;

    private WindowQuotas(JsonNode? opened, Dictionary<string, int> special)
    {
        this.opened = opened;
        this.special = special;
    }

    /// <summary>The child process applications start, as the window opened with it.</summary>
    public string? ApplicationDefinition => opened?["definition"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    public DateTimeOffset? ClosesAt => opened?["closesAt"] is JsonValue v && v.TryGetValue<DateTimeOffset>(out var at) ? at.ToUniversalTime() : null;

    public bool IsSpecial(string orgId) => special.ContainsKey(orgId);

    /// <summary>The school's quota: the province's exception if granted, else its type's; null before the window opened.</summary>
    public int? QuotaOf(string orgId, string? schoolType)
    {
        if (special.TryGetValue(orgId, out var granted))
        {
            return granted;
        }

        var standard = opened?[schoolType == OrganizationProfile.TechnicianCollege ? "technicianCollegeQuota" : "otherSchoolQuota"];
        return standard is JsonValue v && v.TryGetValue<double>(out var quota) ? (int)quota : null;
    }

    public static async Task<IReadOnlyDictionary<InstanceId, WindowQuotas>> ReadAsync(
        WorkflowDbContext db, IReadOnlyCollection<InstanceId> batchIds, CancellationToken cancellationToken)
    {
        var entries = await db.Journal.AsNoTracking()
            .Where(j => batchIds.Contains(j.InstanceId)
                        && (j.Kind == ApplicationWindow.OpenedEntry || j.Kind == ApplicationWindow.SpecialQuotaEntry))
            .OrderBy(j => j.Sequence).Select(j => new { j.InstanceId, j.Kind, j.Data }).ToListAsync(cancellationToken);
        return batchIds.ToDictionary(id => id, id =>
        {
            var mine = entries.Where(j => j.InstanceId == id).ToList();
            var special = mine.Where(j => j.Kind == ApplicationWindow.SpecialQuotaEntry).Select(j => JsonNode.Parse(j.Data)!)
                .GroupBy(d => d["orgId"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Last()["quota"]!.GetValue<int>());
            return new WindowQuotas(
                mine.Where(j => j.Kind == ApplicationWindow.OpenedEntry).Select(j => JsonNode.Parse(j.Data)).LastOrDefault(), special);
        });
    }
}
