// A batch's progress at a glance (进度看板): per city and school the applications, where each one is, the city's
// recommendations against its quota, the scores and the ranking; and, for a batch of a programme, what all its
// batches have selected against the programme's targets. Only the applications the caller may see are counted.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Features.Cases;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Selections;

public sealed record GetBatchDashboard(InstanceId BatchId) : IApiQuery;

public sealed record BatchDashboard(
    string Id, string Title, string Status, string StatusName, bool Open, DashboardTotals Totals,
    IReadOnlyList<CityProgress> Cities, IReadOnlyList<JsonNode> Ranking, ProgrammeProgress? Programme);

public sealed record DashboardTotals(int Applications, int InProgress, int Recommended, int Declined, int Scored, int Selected);

public sealed record CityProgress(
    string? CityId, string? CityName, int? RecommendationQuota, int Recommended, int Applications, IReadOnlyList<SchoolProgress> Schools);

public sealed record SchoolProgress(
    string OrgId, string? OrgName, string? SchoolType, int? Quota, bool SpecialQuota, int Applications, IReadOnlyList<ApplicationProgress> Applied);

public sealed record ApplicationProgress(
    string CaseId, string Title, string? ItemName, string Status, string StatusName, IReadOnlyList<string> CurrentSteps,
    bool? Recommended, double? Score, int? Rank, bool Selected, string? Note);

public sealed record ProgrammeProgress(string Id, string Title, ProgrammeFigures Targets, ProgrammeFigures Achieved, IReadOnlyList<BatchContribution> Batches);

/// <summary>工学一体化 targets and results: majors built, schools taking part, integrated teachers trained.</summary>
public sealed record ProgrammeFigures(int? Majors, int? Schools, int? Teachers);

public sealed record BatchContribution(string Id, string Title, string Status, string StatusName, int Selected);

internal sealed class GetBatchDashboardHandler(WorkflowDatabase database, DefinitionStore definitions, CaseScope scope)
    : IQueryHandler<GetBatchDashboard, IResult>
{
    public async ValueTask<IResult> Handle(GetBatchDashboard query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var cases = await scope.CasesAsync(db, cancellationToken);
        var applications = await cases.Where(i => i.ParentInstanceId == query.BatchId).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .ToListAsync(cancellationToken);
        var batch = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == query.BatchId, cancellationToken);
        if (batch is null || (applications.Count == 0 && !await scope.CanSeeCaseAsync(db, query.BatchId, cancellationToken)))
        {
            return ApiProblems.NotFound("遴选批次不存在或无权查看。");
        }

        var window = (await WindowQuotas.ReadAsync(db, [query.BatchId], cancellationToken))[query.BatchId];
        var visible = applications.Select(a => a.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        var ranking = Selection(batch).Where(r => visible.Contains(r["caseId"]?.GetValue<string>() ?? "")).ToList();
        var rows = await DescribeAsync(db, applications, ranking, cancellationToken);
        var batchForm = JsonNode.Parse(batch.Form);
        var cityQuota = Int(batchForm?["cityQuota"]);

        var cities = rows.GroupBy(r => (CityId: Text(r.Application, "cityId"), CityName: Text(r.Application, "cityName")))
            .OrderBy(g => g.Key.CityId, StringComparer.Ordinal)
            .Select(city => new CityProgress(city.Key.CityId, city.Key.CityName, cityQuota,
                city.Count(r => r.View.Recommended == true), city.Count(),
                [.. city.GroupBy(r => Text(r.Application, "orgId") ?? "").OrderBy(s => s.Key, StringComparer.Ordinal).Select(school =>
                {
                    var first = school.First().Application;
                    var type = Text(first, "schoolType");
                    return new SchoolProgress(school.Key, Text(first, "orgName"), type, window.QuotaOf(school.Key, type), window.IsSpecial(school.Key),
                        school.Count(),
                        [.. school.Select(r => r.View)]);
                })]))
            .ToList();
        var totals = new DashboardTotals(rows.Count,
            rows.Count(r => r.View.Status == nameof(InstanceStatus.Suspended)),
            rows.Count(r => r.View.Recommended == true), rows.Count(r => r.View.Recommended == false),
            rows.Count(r => r.View.Score is not null), rows.Count(r => r.View.Selected));
        return Results.Ok(new BatchDashboard(batch.Id.ToString(), batch.Title, batch.Status.ToString(), CaseLabels.Status(batch.Status),
            await db.Bookmarks.AnyAsync(b => b.InstanceId == batch.Id && b.Kind == ApplicationWindow.ApplicationSignal, cancellationToken),
            totals, cities, ranking, await ProgrammeAsync(db, cases, batch, cancellationToken)));
    }

    /// <summary>Each visible application with the window's record of it, where it stands and how it ranks.</summary>
    private async Task<List<(JsonObject Application, ApplicationProgress View)>> DescribeAsync(
        WorkflowDbContext db, List<WorkflowInstance> applications, List<JsonObject> ranking, CancellationToken cancellationToken)
    {
        var ids = applications.Select(a => a.Id).ToArray();
        var open = (await db.HumanTasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId) && t.Status == HumanTaskStatus.Open)
                .Select(t => new { t.InstanceId, t.NodeId }).ToListAsync(cancellationToken))
            .ToLookup(t => t.InstanceId, t => t.NodeId);
        var steps = new Dictionary<long, WorkflowDefinition>();
        var rows = new List<(JsonObject, ApplicationProgress)>();
        foreach (var instance in applications)
        {
            if (!steps.TryGetValue(instance.DefinitionRecordId, out var definition))
            {
                steps[instance.DefinitionRecordId] = definition = await definitions.GetByRecordIdAsync(db, instance.DefinitionRecordId, cancellationToken);
            }

            var variables = JsonNode.Parse(instance.Variables)!;
            var application = variables["application"] as JsonObject ?? [];
            var line = ranking.FirstOrDefault(r => r["caseId"]?.GetValue<string>() == instance.Id.ToString());
            rows.Add((application, new ApplicationProgress(
                instance.Id.ToString(), instance.Title, Text(application, "itemName"), instance.Status.ToString(), CaseLabels.Status(instance.Status),
                [.. open[instance.Id].Distinct().Select(n => definition.FindNode(n)?.DisplayName ?? n)],
                variables["recommendation"]?["recommended"] is JsonValue r && r.TryGetValue<bool>(out var recommended) ? recommended : null,
                Number(variables["expertReview"]?["aggregate"]),
                Int(line?["rank"]), line?["selected"]?.GetValue<bool>() == true, Text(line, "note"))));
        }

        return rows;
    }

    /// <summary>For a batch of a programme: the programme's targets and what its batches have selected so far.</summary>
    private static async Task<ProgrammeProgress?> ProgrammeAsync(
        WorkflowDbContext db, IQueryable<WorkflowInstance> cases, WorkflowInstance batch, CancellationToken cancellationToken)
    {
        if (batch.ParentInstanceId is not { } programmeId
            || await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == programmeId, cancellationToken) is not { } programme)
        {
            return null;
        }

        var form = JsonNode.Parse(programme.Form);
        var batches = await db.Instances.AsNoTracking()
            .Where(i => i.ParentInstanceId == programmeId && i.DefinitionId == batch.DefinitionId)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        var selectedByBatch = batches.ToDictionary(b => b.Id, b => Selection(b).Where(r => r["selected"]?.GetValue<bool>() == true).ToList());
        var selectedIds = selectedByBatch.Values.SelectMany(s => s).Select(r => Text(r, "caseId")).OfType<string>()
            .Select(id => new InstanceId(Guid.Parse(id))).ToArray();
        var selected = await cases.Where(i => selectedIds.Contains(i.Id)).Select(i => new { i.Id, i.InitiatorOrgId, i.Form }).ToListAsync(cancellationToken);
        var seen = selected.Select(s => s.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        var achieved = new ProgrammeFigures(selected.Count, selected.Select(s => s.InitiatorOrgId).Distinct().Count(),
            selected.Sum(s => Int(JsonNode.Parse(s.Form)?["integratedTeachers"]) ?? 0));
        return new ProgrammeProgress(programme.Id.ToString(), programme.Title,
            new ProgrammeFigures(Int(form?["targetMajors"]), Int(form?["targetSchools"]), Int(form?["targetTeachers"])), achieved,
            [.. batches.Select(b => new BatchContribution(b.Id.ToString(), b.Title, b.Status.ToString(), CaseLabels.Status(b.Status),
                selectedByBatch[b.Id].Count(r => seen.Contains(Text(r, "caseId") ?? ""))))]);
    }

    /// <summary>The batch's ranking, as 排序遴选 wrote it; empty before the ranking.</summary>
    private static IEnumerable<JsonObject> Selection(WorkflowInstance batch) =>
        (JsonNode.Parse(batch.Variables)?["selection"] as JsonArray ?? []).OfType<JsonObject>();

    private static string? Text(JsonNode? node, string name) => node?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Number(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)
        : null;

    private static int? Int(JsonNode? node) => Number(node) is { } n ? (int)n : null;
}
