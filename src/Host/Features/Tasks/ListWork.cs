// The work lists every Chinese approval system has: 待办, 已办, 我发起的, 抄送我的, 超时; filtered, sorted, paged.
using Approvals.Host.Features.Organizations;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Tasks;

public static class WorkLists
{
    public const string Todo = "todo";
    public const string Done = "done";
    public const string Mine = "mine";
    public const string Copied = "cc";
    public const string Overdue = "overdue";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [Todo] = "待办", [Done] = "已办", [Mine] = "我发起的", [Copied] = "抄送我的", [Overdue] = "超时",
    };

    public static readonly IReadOnlyList<string> Sorts = ["createdAt", "dueAt", "completedAt", "title"];
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

/// <summary>Query-string parameters; each is optional (a missing one takes its default).</summary>
public sealed class ListWork : PagedQuery, IApiQuery
{
    public string? List { get; init; }

    public string? DefinitionId { get; init; }

    /// <summary>Words in the case's title or the step's.</summary>
    public string? Q { get; init; }

    public DateTime? From { get; init; }

    public DateTime? To { get; init; }

    public string? Sort { get; init; }

    public bool? Desc { get; init; }

    internal string ListOrDefault => List ?? WorkLists.Todo;

    internal string SortOrDefault => Sort ?? "createdAt";

    internal bool Descending => Desc ?? true;
}

internal sealed class ListWorkValidator : AbstractValidator<ListWork>
{
    public ListWorkValidator()
    {
        RuleFor(q => q.ListOrDefault).Must(WorkLists.Names.ContainsKey).OverridePropertyName("list").WithMessage($"列表只能是 {string.Join("、", WorkLists.Names.Keys)} 之一。");
        RuleFor(q => q.SortOrDefault).Must(WorkLists.Sorts.Contains).OverridePropertyName("sort").WithMessage($"排序字段只能是 {string.Join("、", WorkLists.Sorts)} 之一。");
        Include(new PagedQueryValidator());
        RuleFor(q => q.Q).MaximumLength(100).WithName("关键字");
        RuleFor(q => q.DefinitionId).MaximumLength(100).WithName("流程");
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("结束时间不能早于开始时间。");
    }
}

internal sealed class ListWorkHandler(WorkflowDatabase database, CaseScope scope, ApprovalsDb appDb, TaskRows rows, TimeProvider clock)
    : IQueryHandler<ListWork, IResult>
{
    public async ValueTask<IResult> Handle(ListWork query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        if (query.ListOrDefault is WorkLists.Mine or WorkLists.Copied)
        {
            var cases = query.ListOrDefault == WorkLists.Mine
                ? db.Instances.AsNoTracking().Where(i => i.InitiatorUserId == scope.User.Id)
                : await CopiedAsync(db, cancellationToken);
            cases = FilterCases(cases, query);
            var total = await cases.CountAsync(cancellationToken);
            var page = await SortCases(cases, query).Skip(query.Skip).Take(query.Size).ToListAsync(cancellationToken);
            return Results.Ok(new Page<TaskRow>(await rows.DescribeCasesAsync(db, page, cancellationToken), total, query.PageNumber, query.Size));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var count = await TaskQuery(db, scope, query, now).CountAsync(cancellationToken);
        var items = await TaskPage(db, scope, query, now).ToListAsync(cancellationToken);
        return Results.Ok(new Page<TaskRow>(await rows.DescribeAsync(db, items, cancellationToken), count, query.PageNumber, query.Size));
    }

    /// <summary>The filtered tasks of a task list (待办, 已办, 超时), unsorted and unpaged: the benchmarks explain this very query.</summary>
    internal static IQueryable<HumanTask> TaskQuery(WorkflowDbContext db, CaseScope scope, ListWork query, DateTime now)
    {
        var me = scope.User.Id;
        var tasks = query.ListOrDefault switch
        {
            WorkLists.Done => db.HumanTasks.AsNoTracking().Where(t => t.CompletedBy == me && t.Status == HumanTaskStatus.Completed),
            WorkLists.Overdue => scope.OverdueTasks(db, now),
            _ => scope.ActionableTasks(db),
        };
        return FilterTasks(db, tasks, query);
    }

    /// <summary>
    /// One page of a task list in its order. 待办 in arrival order takes each branch's first rows up to the page's end
    /// inside the union, each read in order from its index: PostgreSQL does not merge a union's branches in index
    /// order, and fetched and sorted all 39,648 of the province's open tasks (a million cases) to show twenty.
    /// </summary>
    internal static IQueryable<HumanTask> TaskPage(WorkflowDbContext db, CaseScope scope, ListWork query, DateTime now)
    {
        var pageEnd = query.Skip + query.Size;
        var tasks = query.ListOrDefault == WorkLists.Todo && query.SortOrDefault == "createdAt"
            ? scope.ActionableTasks(db, branch => SortTasks(FilterTasks(db, branch, query), query).Take(pageEnd))
            : TaskQuery(db, scope, query, now);
        return SortTasks(tasks, query).Skip(query.Skip).Take(query.Size);
    }

    private async Task<IQueryable<WorkflowInstance>> CopiedAsync(WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var ids = await appDb.CaseCopies.AsNoTracking().Where(c => c.UserId == scope.User.Id).Select(c => c.CaseId).ToListAsync(cancellationToken);
        return db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id));
    }

    private static IQueryable<HumanTask> FilterTasks(WorkflowDbContext db, IQueryable<HumanTask> tasks, ListWork query)
    {
        if (!string.IsNullOrWhiteSpace(query.DefinitionId))
        {
            tasks = tasks.Where(t => t.DefinitionId == query.DefinitionId);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            // A step's title often names only the step ("按专业设置标准评估…"): people search by the case's title too.
            var words = query.Q.Trim();
            tasks = tasks.Where(t => t.Title.Contains(words) || db.Instances.Any(i => i.Id == t.InstanceId && i.Title.Contains(words)));
        }

        if (query.From is { } from)
        {
            var start = from.ToUniversalTime();
            tasks = tasks.Where(t => t.CreatedAt >= start);
        }

        if (query.To is { } to)
        {
            var end = to.ToUniversalTime();
            tasks = tasks.Where(t => t.CreatedAt <= end);
        }

        return tasks;
    }

    private static IQueryable<HumanTask> SortTasks(IQueryable<HumanTask> tasks, ListWork query) => (query.SortOrDefault, query.Descending) switch
    {
        ("dueAt", false) => tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id),
        ("dueAt", true) => tasks.OrderBy(t => t.DueAt == null).ThenByDescending(t => t.DueAt).ThenByDescending(t => t.Id),
        ("completedAt", false) => tasks.OrderBy(t => t.CompletedAt).ThenBy(t => t.Id),
        ("completedAt", true) => tasks.OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id),
        ("title", false) => tasks.OrderBy(t => t.Title).ThenBy(t => t.Id),
        ("title", true) => tasks.OrderByDescending(t => t.Title).ThenByDescending(t => t.Id),
        (_, false) => tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id),
        _ => tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id),
    };

    private static IQueryable<WorkflowInstance> FilterCases(IQueryable<WorkflowInstance> cases, ListWork query)
    {
        if (!string.IsNullOrWhiteSpace(query.DefinitionId))
        {
            cases = cases.Where(i => i.DefinitionId == query.DefinitionId);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var words = query.Q.Trim();
            cases = cases.Where(i => i.Title.Contains(words));
        }

        if (query.From is { } from)
        {
            var start = from.ToUniversalTime();
            cases = cases.Where(i => i.CreatedAt >= start);
        }

        if (query.To is { } to)
        {
            var end = to.ToUniversalTime();
            cases = cases.Where(i => i.CreatedAt <= end);
        }

        return cases;
    }

    private static IQueryable<WorkflowInstance> SortCases(IQueryable<WorkflowInstance> cases, ListWork query) => (query.SortOrDefault, query.Descending) switch
    {
        ("completedAt", false) => cases.OrderBy(i => i.FinishedAt).ThenBy(i => i.Id),
        ("completedAt", true) => cases.OrderByDescending(i => i.FinishedAt).ThenByDescending(i => i.Id),
        ("title", false) => cases.OrderBy(i => i.Title).ThenBy(i => i.Id),
        ("title", true) => cases.OrderByDescending(i => i.Title).ThenByDescending(i => i.Id),
        (_, false) => cases.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id),
        _ => cases.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id),
    };
}
