// The engine's front door: start, resume, complete tasks, fire timers, retry, cancel, comment.
// Each call is one database transaction; no instance state is kept in memory between calls.
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Expressions;
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Approvals.Workflows.Runtime;

public sealed partial class WorkflowRuntime(
    WorkflowDatabase database,
    DefinitionStore definitions,
    ActivityRegistry activities,
    ExpressionEvaluator expressions,
    CalendarSource calendars,
    IOrganizationDirectory organizations,
    IExpertPool experts,
    IRandomSource random,
    ITimerScheduler scheduler,
    WorkflowOptions options,
    TimeProvider clock,
    ILogger<WorkflowRuntime> logger)
{
    internal DefinitionStore Definitions => definitions;

    internal ActivityRegistry Activities => activities;

    internal ExpressionEvaluator Expressions => expressions;

    internal CalendarSource Calendars => calendars;

    internal IOrganizationDirectory Organizations => organizations;

    internal IExpertPool Experts => experts;

    internal IRandomSource Random => random;

    internal WorkflowOptions Options => options;

    internal TimeProvider Clock => clock;

    internal ILogger Logger => logger;

    public Task<RunResult> StartAsync(StartRequest request, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async session =>
        {
            var published = request.Version is { } version
                ? await definitions.GetVersionAsync(session.Db, request.DefinitionId, version, cancellationToken)
                : await definitions.GetLatestAsync(session.Db, request.DefinitionId, cancellationToken);
            if (published is null)
            {
                return RunResult.NotFound($"流程“{request.DefinitionId}”没有已发布的版本。");
            }

            if (Start.FormOf(published.Definition) is { } form
                && await FormErrorsAsync(session.Db, form, request.Form, partial: false, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            if (FormRuleErrors(published.Definition, request.Form ?? []) is { } refused)
            {
                return refused;
            }

            var instance = session.Create(published, request);
            await session.RunAsync(instance);
            return Result(instance);
        }, cancellationToken);

    /// <summary>Resumes a bookmark directly (signals, tests); people's decisions go through <see cref="CompleteTaskAsync"/>.</summary>
    public Task<RunResult> ResumeAsync(BookmarkId bookmarkId, JsonObject? payload, string? actor, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async session =>
        {
            var bookmark = await session.Db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookmarkId, cancellationToken);
            if (bookmark is null)
            {
                return RunResult.Conflict("该等待事项已被处理或尚未就绪，请刷新后重试。");
            }

            return await ResumeLoadedAsync(session, bookmark.InstanceId, bookmark, payload, actor);
        }, cancellationToken);

    public Task<RunResult> CompleteTaskAsync(TaskId taskId, TaskDecision decision, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async session =>
        {
            var instanceId = await session.Db.HumanTasks.Where(t => t.Id == taskId).Select(t => (InstanceId?)t.InstanceId).FirstOrDefaultAsync(cancellationToken);
            if (instanceId is null)
            {
                return RunResult.NotFound("待办事项不存在。");
            }

            // The case is read before the task, so a delegation or an added signer committed in between has moved the
            // case's version and this decision conflicts instead of acting on a stale task.
            var instance = await session.LoadAsync(instanceId.Value);
            var task = await session.Db.HumanTasks.SingleAsync(t => t.Id == taskId, cancellationToken);
            if (task.Status != HumanTaskStatus.Open)
            {
                return RunResult.Conflict("该待办已被处理或已取消，请刷新后查看。");
            }

            if (task.DelegatedToUserId is not null)
            {
                return RunResult.Conflict("该待办已委派他人处理，待其交回后才能审批。");
            }

            if (task.WaitingForTaskId is not null)
            {
                return RunResult.Conflict("正在等待加签人处理，待其处理后才能审批。");
            }

            var allowed = JsonSerializer.Deserialize<string[]>(task.AllowedOutcomes) ?? [];
            if (!allowed.Contains(decision.Outcome))
            {
                return RunResult.Invalid("outcome", $"该待办不支持“{decision.Outcome}”，可选：{string.Join("、", allowed)}。");
            }

            if (instance is null || instance.Entity.Status != InstanceStatus.Suspended)
            {
                return RunResult.Conflict("流程当前不在等待处理的状态。");
            }

            var step = instance.Definition.FindNode(task.NodeId);
            var stepActivity = step is null ? null : activities.Find(step.Kind);
            if (decision.Data is { Count: > 0 } changes)
            {
                if (task.Kind == AddSignTaskKind)
                {
                    return RunResult.Invalid("data", "加签只提出意见，不能修改申请表单。");
                }

                // Data an activity keeps for itself (an expert's scores) is not the applicant's form.
                if ((stepActivity?.SubmitsFormData(task.Kind) ?? true)
                    && await FormChangeErrorsAsync(session.Db, instance, step, task.Kind, changes, cancellationToken) is { } refused)
                {
                    return refused;
                }
            }

            if (step is not null && stepActivity is not null && await stepActivity.CheckSubmissionAsync(
                    new ActivityContext(session, instance, step, stepActivity, new WorkItem(step.Id) { Actor = decision.Actor }),
                    new TaskSubmission(step, (JsonObject)(instance.NodeStates[step.Id] ?? new JsonObject()).DeepClone(), task.Kind, decision))
                is { Count: > 0 } errors)
            {
                return RunResult.Invalid("提交的内容有误，请按提示修改。", errors);
            }

            if (decision.Outcome == "return" && decision.ReturnTo is { } target && target != "applicant")
            {
                var node = instance.Definition.FindNode(target);
                if (node is null || !instance.Visited.Contains(target) || target == task.NodeId
                    || activities.Find(node.Kind)?.Descriptor.Category != ActivityCategories.Human)
                {
                    return RunResult.Invalid("returnTo", "只能退回到申请人或本流程已经办理过的人工环节。");
                }
            }

            task.Outcome = decision.Outcome;
            task.Comment = decision.Comment;
            task.CompletedBy = decision.Actor;
            task.CompletedAt = clock.GetUtcNow().UtcDateTime;
            task.Status = HumanTaskStatus.Completed;
            session.Journal(instance, "decision", task.NodeId, decision.Actor, new JsonObject
            {
                ["taskId"] = task.Id.ToString(),
                ["outcome"] = decision.Outcome,
                ["comment"] = decision.Comment,
                ["returnTo"] = decision.ReturnTo,
            });
            if (task.Kind == AddSignTaskKind)
            {
                await RecordSignerOpinionAsync(session, instance, task, cancellationToken);
                return Result(instance);
            }

            var bookmark = instance.Bookmarks.FirstOrDefault(b => b.Id == task.BookmarkId);
            if (bookmark is null)
            {
                return RunResult.Conflict("该待办对应的等待事项已不存在，请刷新后查看。");
            }

            var payload = new JsonObject
            {
                ["taskId"] = task.Id.ToString(),
                ["outcome"] = decision.Outcome,
                ["comment"] = decision.Comment,
                ["returnTo"] = decision.ReturnTo,
                ["data"] = decision.Data?.DeepClone(),
            };
            return await ResumeLoadedAsync(session, instance.Entity.Id, bookmark, payload, decision.Actor);
        }, cancellationToken);

    /// <summary>Due timers claimed and fired in one transaction by <see cref="FireDueTimersAsync"/>.</summary>
    public const int TimerBatchSize = 50;

    /// <summary>Fires a due timer once: the conditional update of its row is the lock, on one node or many.</summary>
    public Task<RunResult> FireTimerAsync(TimerId timerId, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async session =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var claimed = await session.Db.Timers
                .Where(t => t.Id == timerId && t.State == TimerState.Pending && t.DueAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TimerState.Fired).SetProperty(t => t.FiredAt, now), cancellationToken);
            if (claimed == 0)
            {
                return RunResult.Conflict("定时器不存在、未到期或已触发。");
            }

            var timer = await session.Db.Timers.AsNoTracking().SingleAsync(t => t.Id == timerId, cancellationToken);
            return await FireClaimedAsync(session, timer, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Fires every timer due now (the host's sweep; its scheduler calls <see cref="FireTimerAsync"/> per timer). Timers
    /// are claimed and fired <see cref="TimerBatchSize"/> to a transaction, so a storm of timers due together costs a
    /// commit per batch, not per timer; on PostgreSQL a batch's rows are locked with SKIP LOCKED, so sweeps on several
    /// nodes take different timers instead of queueing on the same rows. A batch in which one firing is refused is
    /// rolled back and its timers fired one by one; a timer refused alone is left for the next sweep.
    /// </summary>
    public async Task<int> FireDueTimersAsync(CancellationToken cancellationToken = default)
    {
        var fired = 0;
        var refused = new List<Guid>();
        while (true)
        {
            var (claimed, committed) = await FireDueBatchAsync(refused, cancellationToken);
            if (committed)
            {
                fired += claimed.Count;
            }
            else
            {
                foreach (var id in claimed)
                {
                    if ((await FireTimerAsync(id, cancellationToken)).Succeeded)
                    {
                        fired++;
                    }
                    else if (await GetTimerStateAsync(id, cancellationToken) == TimerState.Pending)
                    {
                        refused.Add(id.Value);
                    }
                }
            }

            if (claimed.Count < TimerBatchSize)
            {
                return fired;
            }
        }
    }

    /// <summary>Timers still waiting, for a scheduler that lost its queue (in-memory storage after a restart).</summary>
    public async Task<IReadOnlyList<(TimerId Id, DateTimeOffset DueAt)>> GetPendingTimersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.Timers.AsNoTracking()
            .Where(t => t.State == TimerState.Pending)
            .OrderBy(t => t.DueAt)
            .Select(t => new { t.Id, t.DueAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, new DateTimeOffset(r.DueAt, TimeSpan.Zero))).ToArray();
    }

    public async Task<TimerState?> GetTimerStateAsync(TimerId timerId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Timers.AsNoTracking().Where(t => t.Id == timerId).Select(t => (TimerState?)t.State).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Resolves the open incidents of a faulted instance and carries on from the step that failed.</summary>
    public Task<RunResult> RetryAsync(InstanceId instanceId, string? actor, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async session =>
        {
            var instance = await session.LoadAsync(instanceId);
            if (instance is null)
            {
                return RunResult.NotFound("流程实例不存在。");
            }

            if (instance.Entity.Status != InstanceStatus.Faulted)
            {
                return RunResult.Conflict("流程没有故障，无需重试。");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var incidents = await session.Db.Incidents.Where(i => i.InstanceId == instanceId && i.ResolvedAt == null).ToListAsync(cancellationToken);
            foreach (var incident in incidents)
            {
                incident.ResolvedAt = now;
                incident.ResolvedBy = actor;
            }

            session.Journal(instance, "retried", null, actor, new JsonObject { ["incidents"] = incidents.Count });
            await session.RunAsync(instance);
            return Result(instance);
        }, cancellationToken);

    public Task<RunResult> CancelAsync(InstanceId instanceId, string? actor, string? reason, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async session =>
        {
            var instance = await session.LoadAsync(instanceId);
            if (instance is null)
            {
                return RunResult.NotFound("流程实例不存在。");
            }

            if (instance.Entity.Status is InstanceStatus.Finished or InstanceStatus.Cancelled)
            {
                return RunResult.Conflict("流程已经结束，不能撤销。");
            }

            await session.CancelAsync(instance, actor, reason);
            return Result(instance);
        }, cancellationToken);

    public Task<RunResult> CommentAsync(InstanceId instanceId, string actor, string text, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async session =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return RunResult.Invalid("text", "意见内容不能为空。");
            }

            var instance = await session.LoadAsync(instanceId);
            if (instance is null)
            {
                return RunResult.NotFound("流程实例不存在。");
            }

            session.Journal(instance, "comment", null, actor, new JsonObject { ["text"] = text.Trim() });
            return Result(instance);
        }, cancellationToken);

    public async Task<JournalVerification> VerifyJournalAsync(InstanceId instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await JournalChain.VerifyAsync(db, instanceId, cancellationToken);
    }

    /// <summary>Why the form cannot take a decision's changes: a field the step may not change, a bad value, a broken rule.</summary>
    private async Task<RunResult?> FormChangeErrorsAsync(
        WorkflowDbContext db, LoadedInstance instance, NodeDefinition? step, string taskKind, JsonObject changes, CancellationToken cancellationToken)
    {
        var form = Start.FormOf(instance.Definition);
        if (step is not null && taskKind != HumanSteps.ResubmitTaskKind && FieldAccess.CheckChanges(step, form, changes) is { Count: > 0 } locked)
        {
            return RunResult.Invalid("本环节不能修改这些字段。", locked);
        }

        if (form is not null && await FormErrorsAsync(db, form, changes, partial: true, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return FormRuleErrors(instance.Definition, Merged(instance.Form, changes));
    }

    private static async Task<RunResult?> FormErrorsAsync(
        WorkflowDbContext db, FormDefinition form, JsonObject? data, bool partial, CancellationToken cancellationToken)
    {
        var errors = FormValidator.Validate(await ReferenceData.ResolveOptionsAsync(db, form, cancellationToken), data, partial);
        return errors.Count == 0
            ? null
            : RunResult.Invalid("表单填写有误，请按提示修改。", errors.ToDictionary(e => "form." + e.Key, e => e.Value, StringComparer.Ordinal));
    }

    /// <summary>The domain rules the definition's nodes hold the whole form to (<see cref="Activity.CheckForm"/>).</summary>
    private RunResult? FormRuleErrors(WorkflowDefinition definition, JsonObject form)
    {
        var errors = activities.CheckFormRules(definition, form);
        return errors.Count == 0
            ? null
            : RunResult.Invalid("表单填写有误，请按提示修改。", errors.ToDictionary(e => "form." + e.Key, e => e.Value, StringComparer.Ordinal));
    }

    private static JsonObject Merged(JsonObject form, JsonObject changes)
    {
        var merged = (JsonObject)form.DeepClone();
        foreach (var (field, value) in changes)
        {
            merged[field] = value?.DeepClone();
        }

        return merged;
    }

    private static async Task<RunResult> ResumeLoadedAsync(
        ExecutionSession session, InstanceId instanceId, Bookmark bookmark, JsonObject? payload, string? actor)
    {
        var instance = await session.LoadAsync(instanceId);
        if (instance is null)
        {
            return RunResult.NotFound("流程实例不存在。");
        }

        if (instance.Entity.Status != InstanceStatus.Suspended || instance.Bookmarks.All(b => b.Id != bookmark.Id))
        {
            return RunResult.Conflict("流程当前不在等待该事项，请刷新后查看。");
        }

        instance.Queue.Add(new WorkItem(bookmark.NodeId) { BookmarkId = bookmark.Id.Value, Payload = payload ?? [], Actor = actor });
        await session.RunAsync(instance);
        return Result(instance);
    }

    private static RunResult Result(LoadedInstance instance) =>
        new(RunStatus.Ok, instance.Entity.Id, instance.Entity.Status,
            instance.Entity.Status == InstanceStatus.Faulted ? "流程执行出错，已记录为故障，可在处理后重试。" : null);

    /// <summary>After a timer row is marked fired in the session's transaction: raise its alarm or resume its case.</summary>
    private async Task<RunResult> FireClaimedAsync(ExecutionSession session, WorkflowTimer timer, CancellationToken cancellationToken)
    {
        if (timer.Purpose != TimerPurpose.Resume)
        {
            return await RaiseAlarmAsync(session, timer, cancellationToken);
        }

        var bookmark = await session.Db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == timer.BookmarkId, cancellationToken);
        if (bookmark is null)
        {
            return new RunResult(RunStatus.Ok, timer.InstanceId);
        }

        if (await session.LoadAsync(timer.InstanceId) is { } instance)
        {
            session.Journal(instance, "timer-fired", timer.NodeId, null, new JsonObject { ["timerId"] = timer.Id.ToString() });
        }

        return await ResumeLoadedAsync(session, timer.InstanceId, bookmark, [], null);
    }

    /// <summary>One transaction of the sweep: claims up to a batch of due timers, fires them, commits only if all fired.</summary>
    private async Task<(IReadOnlyList<TimerId> Claimed, bool Committed)> FireDueBatchAsync(
        IReadOnlyCollection<Guid> refused, CancellationToken cancellationToken)
    {
        IReadOnlyList<TimerId> claimed = [];
        var result = await InTransactionAsync(async session =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var timers = await ClaimDueTimersAsync(session.Db, now, refused, cancellationToken);
            claimed = timers.Select(t => t.Id).ToArray();
            foreach (var timer in timers)
            {
                timer.State = TimerState.Fired;
                timer.FiredAt = now;
            }

            foreach (var timer in timers)
            {
                var fired = await FireClaimedAsync(session, timer, cancellationToken);
                if (!fired.Succeeded)
                {
                    return fired;
                }
            }

            return new RunResult(RunStatus.Ok);
        }, cancellationToken);
        return (claimed, result.Succeeded);
    }

    /// <summary>
    /// The oldest due timers, tracked and locked for this transaction: on PostgreSQL by FOR UPDATE SKIP LOCKED (rows
    /// another sweep holds are passed over), on SQLite by the write lock the transaction already holds.
    /// </summary>
    private Task<List<WorkflowTimer>> ClaimDueTimersAsync(
        WorkflowDbContext db, DateTime now, IReadOnlyCollection<Guid> refused, CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var skip = refused.ToArray();
            return db.Timers.FromSql($"""
                SELECT * FROM wf_timers
                WHERE "State" = 'Pending' AND "DueAt" <= {now} AND NOT ("Id" = ANY({skip}))
                ORDER BY "DueAt" LIMIT {TimerBatchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
        }

        var ids = refused.Select(id => new TimerId(id)).ToArray();
        return db.Timers
            .Where(t => t.State == TimerState.Pending && t.DueAt <= now && !ids.Contains(t.Id))
            .OrderBy(t => t.DueAt)
            .Take(TimerBatchSize)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Hands committed timers to the scheduler. The step has taken effect, so a scheduler that fails (its storage
    /// busy or down) must not turn it into an error: the row is pending and the sweep fires it when due.
    /// </summary>
    private void ScheduleNewTimers(ExecutionSession session)
    {
        foreach (var timer in session.NewTimers.Where(t => t.State == TimerState.Pending))
        {
            try
            {
                scheduler.Schedule(timer.Id, new DateTimeOffset(timer.DueAt, TimeSpan.Zero));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotScheduled(logger, ex, timer.Id.Value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "定时器 {TimerId} 未能交给调度器，到期后由定时巡检触发")]
    private static partial void LogNotScheduled(ILogger logger, Exception exception, Guid timerId);

    private async Task<RunResult> InTransactionAsync(Func<ExecutionSession, Task<RunResult>> work, CancellationToken cancellationToken)
    {
        var (result, committed) = await CommitAsync(work, cancellationToken);
        if (committed is not null)
        {
            ScheduleNewTimers(committed);
        }

        return result;
    }

    /// <summary>
    /// The step's transaction. Its connection and write turn are given back before its timers go to the scheduler,
    /// which may need a connection of its own from the same pool: holding one while asking for another starves the
    /// pool under load.
    /// </summary>
    private async Task<(RunResult Result, ExecutionSession? Committed)> CommitAsync(
        Func<ExecutionSession, Task<RunResult>> work, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = new ExecutionSession(this, db, cancellationToken);
        var result = await work(session);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (result, null);
        }

        session.FlushAll();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // A concurrency-token mismatch, or a unique journal sequence taken by a concurrent step.
            LogConflict(logger, ex);
            return (RunResult.Conflict("其他人刚刚处理了该流程，请刷新后重试。"), null);
        }

        return (result, session);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "并发冲突，操作已回滚")]
    private static partial void LogConflict(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "流程实例 {InstanceId} 在节点 {NodeId} 出错：{Message}")]
    internal static partial void LogIncident(ILogger logger, InstanceId instanceId, string nodeId, string message);
}
