// Reading the reference lists: every list with its size, and one list's entries in order (active ones, or all).
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.ReferenceData;

public sealed record ListReferenceLists : IApiQuery;

public sealed record GetReferenceList(string ListId, bool All) : IApiQuery;

public sealed record ReferenceListSummary(string Id, string Name, string? Description, int Active, int Total, DateTime UpdatedAt);

public sealed record ReferenceItemView(string Code, string Name, string? Category, int SortOrder, bool Active);

public sealed record ReferenceListView(string Id, string Name, string? Description, DateTime UpdatedAt, IReadOnlyList<ReferenceItemView> Items);

internal sealed class ListReferenceListsHandler(WorkflowDatabase database) : IQueryHandler<ListReferenceLists, IResult>
{
    public async ValueTask<IResult> Handle(ListReferenceLists query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var counts = await db.ReferenceItems.AsNoTracking().GroupBy(i => i.ListId)
            .Select(g => new { g.Key, Active = g.Count(i => i.Active), Total = g.Count() })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var lists = await db.ReferenceLists.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken);
        return Results.Ok(lists.Select(l => new ReferenceListSummary(
            l.Id, l.Name, l.Description, counts.GetValueOrDefault(l.Id)?.Active ?? 0, counts.GetValueOrDefault(l.Id)?.Total ?? 0, l.UpdatedAt)));
    }
}

internal sealed class GetReferenceListHandler(WorkflowDatabase database) : IQueryHandler<GetReferenceList, IResult>
{
    public async ValueTask<IResult> Handle(GetReferenceList query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var list = await db.ReferenceLists.AsNoTracking().FirstOrDefaultAsync(l => l.Id == query.ListId, cancellationToken);
        if (list is null)
        {
            return ApiProblems.NotFound($"没有名为“{query.ListId}”的参考目录。");
        }

        var items = await db.ReferenceItems.AsNoTracking()
            .Where(i => i.ListId == list.Id && (query.All || i.Active))
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Code)
            .ToListAsync(cancellationToken);
        return Results.Ok(new ReferenceListView(list.Id, list.Name, list.Description, list.UpdatedAt, items.Select(View).ToArray()));
    }

    internal static ReferenceItemView View(ReferenceItem item) =>
        new(item.Code, item.Name, System.Text.Json.Nodes.JsonNode.Parse(item.Data)?["category"]?.GetValue<string>(), item.SortOrder, item.Active);
}
