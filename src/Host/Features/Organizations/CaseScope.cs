// The one place that decides which cases and tasks the caller may see or act on. Every query of cases and tasks
// in the API starts here, so a new endpoint cannot forget the organisation: a school sees its own cases, a city
// its schools', the province all; experts and bureaus see the cases they have work on.
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Organizations;

/// <summary>The organisations whose cases the caller sees whole: null means every organisation.</summary>
public sealed record OrgReach(IReadOnlyList<string>? OrgIds)
{
    public bool All => OrgIds is null;

    public bool Contains(string? orgId) => All || (orgId is not null && OrgIds!.Contains(orgId));
}

public sealed class CaseScope(ApprovalsDb appDb, CurrentUser user)
{
    private OrgReach? reach;

    public CurrentUser User => user;

    public async Task<OrgReach> ReachAsync(CancellationToken cancellationToken)
    {
        if (reach is not null)
        {
            return reach;
        }

        if (!user.Roles.Any(Roles.SeeTheirSubtree.Contains))
        {
            return reach = new OrgReach([]);
        }

        var org = await appDb.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == user.OrgId, cancellationToken);
        if (org is null)
        {
            return reach = new OrgReach([]);
        }

        if (org.Kind == OrganizationKind.Province)
        {
            return reach = new OrgReach(null);
        }

        var ids = await appDb.Organizations.AsNoTracking().Where(o => o.Path.StartsWith(org.Path)).Select(o => o.Id).ToListAsync(cancellationToken);
        return reach = new OrgReach(ids);
    }

    /// <summary>
    /// Whether a person of that organisation is someone the caller may bring into a case (抄送, 转办, 加签): anyone in
    /// the caller's own city (its bureaus and schools) or in an organisation above the caller; the province anyone.
    /// </summary>
    public async Task<bool> CanInvolveAsync(string orgId, CancellationToken cancellationToken)
    {
        var paths = await appDb.Organizations.AsNoTracking().Where(o => o.Id == user.OrgId || o.Id == orgId)
            .ToDictionaryAsync(o => o.Id, o => o.Path, cancellationToken);
        if (!paths.TryGetValue(user.OrgId, out var mine) || !paths.TryGetValue(orgId, out var theirs))
        {
            return false;
        }

        // "/province/city/school/": the area is the city's subtree; a province user's area is the whole tree.
        var segments = mine.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var area = segments.Length >= 2 ? $"/{segments[0]}/{segments[1]}/" : mine;
        return theirs.StartsWith(area, StringComparison.Ordinal) || segments.Contains(orgId);
    }

    /// <summary>The cases the caller may see: in their reach, started by them, or with work of theirs on it.</summary>
    public async Task<IQueryable<WorkflowInstance>> CasesAsync(WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var visible = await ReachAsync(cancellationToken);
        if (visible.All)
        {
            return db.Instances.AsNoTracking();
        }

        var me = user.Id;
        var org = user.OrgId;
        var roles = user.Roles.ToArray();
        var orgIds = visible.OrgIds!.ToArray();
        var supervisor = roles.Any(Roles.Supervisors.Contains);
        return db.Instances.AsNoTracking().Where(i =>
            orgIds.Contains(i.InitiatorOrgId!)
            || i.InitiatorUserId == me
            || db.HumanTasks.Any(t => t.InstanceId == i.Id
                                      && (t.AssigneeUserId == me || t.CompletedBy == me || t.DelegatedToUserId == me
                                          || (t.AssigneeOrgId == org && roles.Contains(t.AssigneeRole!))
                                          || (supervisor && t.EscalatedToOrgId == org))));
    }

    public async Task<bool> CanSeeCaseAsync(WorkflowDbContext db, InstanceId caseId, CancellationToken cancellationToken) =>
        await (await CasesAsync(db, cancellationToken)).AnyAsync(i => i.Id == caseId, cancellationToken)
        || await appDb.CaseCopies.AnyAsync(c => c.CaseId == caseId && c.UserId == user.Id, cancellationToken);

    /// <summary>A case the caller acts on as a whole: 404 when it is out of their sight.</summary>
    public async Task<(WorkflowInstance? Case, IResult? Problem)> CaseToActOnAsync(WorkflowDbContext db, InstanceId caseId, CancellationToken cancellationToken)
    {
        if (!await CanSeeCaseAsync(db, caseId, cancellationToken))
        {
            return (null, ApiProblems.NotFound("案件不存在或无权查看。"));
        }

        return (await db.Instances.AsNoTracking().SingleAsync(i => i.Id == caseId, cancellationToken), null);
    }

    /// <summary>
    /// Open tasks the caller may act on now (待办): delegated to them, theirs by name, or their role's at their
    /// organisation. Three disjoint branches joined by UNION ALL, each read through its own index: written as one OR,
    /// SQLite reads every open task of the installation (a hundred thousand at a million cases) to find a school's few,
    /// and PostgreSQL sorts all of the province's to show twenty. <paramref name="eachBranch"/>, if given, shapes every
    /// branch before they are joined (a page's first rows taken inside each).
    /// </summary>
    public IQueryable<HumanTask> ActionableTasks(WorkflowDbContext db, Func<IQueryable<HumanTask>, IQueryable<HumanTask>>? eachBranch = null)
    {
        var me = user.Id;
        var org = user.OrgId;
        var shape = eachBranch ?? (branch => branch);
        var open = db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open);
        var tasks = shape(open.Where(t => t.DelegatedToUserId == me))
            .Concat(shape(open.Where(t => t.DelegatedToUserId == null && t.AssigneeUserId == me)));

        // One branch per role (a person holds one or two), each read in order from IX_wf_tasks_OpenForRole; an
        // "any of these roles" condition kept the planner from reading the index in order.
        foreach (var role in user.Roles.Distinct())
        {
            tasks = tasks.Concat(shape(open.Where(t => t.DelegatedToUserId == null && t.AssigneeUserId == null && t.AssigneeOrgId == org && t.AssigneeRole == role)));
        }

        return tasks;
    }

    /// <summary>超时: the caller's own open tasks past their deadline, and for a supervisor those escalated to their organisation.</summary>
    public IQueryable<HumanTask> OverdueTasks(WorkflowDbContext db, DateTime now)
    {
        var own = ActionableTasks(db).Where(t => t.DueAt != null && t.DueAt <= now);
        if (!user.Roles.Any(Roles.Supervisors.Contains))
        {
            return own;
        }

        // A union of the two, each read through its own index, rather than one OR that reads every open task.
        var org = user.OrgId;
        return own.Union(db.HumanTasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Open && t.EscalatedToOrgId == org));
    }

    /// <summary>
    /// An open task on a case the caller can see: 404 when it does not exist or its case is out of their sight (another
    /// city's task looks like no task at all), 409 when it has been handled already.
    /// </summary>
    public async Task<(HumanTask? Task, IResult? Problem)> OpenVisibleTaskAsync(WorkflowDbContext db, TaskId taskId, CancellationToken cancellationToken)
    {
        var task = await db.HumanTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || !await CanSeeCaseAsync(db, task.InstanceId, cancellationToken))
        {
            return (null, ApiProblems.NotFound("待办不存在或无权查看。"));
        }

        return task.Status == HumanTaskStatus.Open ? (task, null) : (null, ApiProblems.Conflict("该待办已被处理或已取消，请刷新后查看。"));
    }

    /// <summary>A task the caller wants to act on: as <see cref="OpenVisibleTaskAsync"/>, and 403 when it is someone else's.</summary>
    public async Task<(HumanTask? Task, IResult? Problem)> TaskToActOnAsync(WorkflowDbContext db, TaskId taskId, CancellationToken cancellationToken)
    {
        var (task, problem) = await OpenVisibleTaskAsync(db, taskId, cancellationToken);
        if (task is null)
        {
            return (null, problem);
        }

        return CanAct(task) ? (task, null) : (null, ApiProblems.Forbidden("该待办不是交给您办理的。"));
    }

    /// <summary>Whether the caller may act on this task now; false also for a task delegated away from them.</summary>
    public bool CanAct(HumanTask task) =>
        task.Status == HumanTaskStatus.Open
        && (task.DelegatedToUserId is { } delegate_
            ? delegate_ == user.Id
            : task.AssigneeUserId is { } assignee
                ? assignee == user.Id
                : task.AssigneeOrgId == user.OrgId && task.AssigneeRole is { } role && user.IsInRole(role));
}
