// What happens to a person's task besides its decision: alarms before and after the deadline, 转办, 委派, 加签, 催办;
// and the applicant's 撤回. Each is one transaction journaled on the case, so a concurrent step makes it a conflict.
using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Runtime;

public sealed partial class WorkflowRuntime
{
    /// <summary>The kind of an added signer's task: an opinion the original assignee waits for, not a step of the process.</summary>
    public const string AddSignTaskKind = "addsign";

    // The journal entries that tell whether anyone has acted on the application since it was last submitted.
    private static readonly string[] SubmissionMarks = ["started", "resubmitted", "withdrawn", "decision"];

    /// <summary>转办: the task is someone else's from now on.</summary>
    public Task<RunResult> TransferTaskAsync(
        TaskId taskId, string actor, TaskReassignment to, string? comment, CancellationToken cancellationToken = default) =>
        OnOpenTaskAsync(taskId, (session, task, instance) =>
        {
            if (Unnamed(to) is { } invalid)
            {
                return invalid;
            }

            if (task.DelegatedToUserId is not null)
            {
                return RunResult.Conflict("该待办已委派他人处理，待其交回后才能转办。");
            }

            if (task.AssigneeUserId == to.UserId)
            {
                return RunResult.Invalid("userId", "该待办已由此人办理，无需转办。");
            }

            var from = task.AssigneeUserId;
            task.AssigneeUserId = to.UserId;
            task.AssigneeOrgId = to.OrgId ?? task.AssigneeOrgId;
            session.Journal(instance, "task-transferred", task.NodeId, actor, new JsonObject
            {
                ["taskId"] = task.Id.ToString(),
                ["from"] = from,
                ["to"] = to.UserId,
                ["comment"] = comment,
            });
            session.NotifyAssigned(task, Recipient.HandlerOf(task));
            return Result(instance);
        }, cancellationToken);

    /// <summary>委派: the delegate handles it and hands it back with an opinion; the owner still decides.</summary>
    public Task<RunResult> DelegateTaskAsync(
        TaskId taskId, string actor, TaskReassignment to, string? comment, CancellationToken cancellationToken = default) =>
        OnOpenTaskAsync(taskId, (session, task, instance) =>
        {
            if (Unnamed(to) is { } invalid)
            {
                return invalid;
            }

            if (to.UserId == actor)
            {
                return RunResult.Invalid("userId", "不能委派给自己。");
            }

            if (task.DelegatedToUserId is not null)
            {
                return RunResult.Conflict("该待办已委派他人处理，待其交回后才能再次委派。");
            }

            task.OwnerUserId = actor;
            task.DelegatedToUserId = to.UserId;
            session.Journal(instance, "task-delegated", task.NodeId, actor, new JsonObject
            {
                ["taskId"] = task.Id.ToString(),
                ["to"] = to.UserId,
                ["comment"] = comment,
            });
            session.NotifyAssigned(task, new Recipient(to.UserId, to.OrgId));
            return Result(instance);
        }, cancellationToken);

    /// <summary>The delegate hands the task back to its owner with an opinion.</summary>
    public Task<RunResult> ResolveDelegationAsync(TaskId taskId, string actor, string? comment, CancellationToken cancellationToken = default) =>
        OnOpenTaskAsync(taskId, (session, task, instance) =>
        {
            if (task.DelegatedToUserId is null)
            {
                return RunResult.Conflict("该待办没有委派他人，无需交回。");
            }

            task.DelegatedToUserId = null;
            session.Journal(instance, "delegation-resolved", task.NodeId, actor, new JsonObject
            {
                ["taskId"] = task.Id.ToString(),
                ["comment"] = comment,
            });
            session.NotifyAssigned(task, new Recipient(task.OwnerUserId));
            return Result(instance);
        }, cancellationToken);

    /// <summary>加签 before signing: another person's opinion on the same step, which must come before this task can be decided.</summary>
    public Task<RunResult> AddSignerAsync(
        TaskId taskId, string actor, TaskReassignment signer, string? comment, CancellationToken cancellationToken = default) =>
        OnOpenTaskAsync(taskId, (session, task, instance) =>
        {
            if (Unnamed(signer) is { } invalid)
            {
                return invalid;
            }

            if (task.DelegatedToUserId is not null)
            {
                return RunResult.Conflict("该待办已委派他人处理，待其交回后才能加签。");
            }

            if (task.WaitingForTaskId is not null)
            {
                return RunResult.Conflict("已在等待加签人处理，待其处理后才能再次加签。");
            }

            var title = $"加签：{task.Title}";
            var added = new HumanTask
            {
                Id = TaskId.New(clock),
                InstanceId = task.InstanceId,
                BookmarkId = task.BookmarkId,
                DefinitionId = task.DefinitionId,
                NodeId = task.NodeId,
                Title = title.Length > 300 ? title[..300] : title,
                Kind = AddSignTaskKind,
                AssigneeUserId = signer.UserId,
                AssigneeOrgId = signer.OrgId,
                AllowedOutcomes = new JsonArray("approve", "reject").ToJsonString(),
                Status = HumanTaskStatus.Open,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                ParentTaskId = task.Id,
            };
            session.Db.HumanTasks.Add(added);
            task.WaitingForTaskId = added.Id;
            session.Journal(instance, "signer-added", task.NodeId, actor, new JsonObject
            {
                ["taskId"] = task.Id.ToString(),
                ["signerTaskId"] = added.Id.ToString(),
                ["signer"] = signer.UserId,
                ["comment"] = comment,
            });
            session.NotifyAssigned(added, Recipient.HandlerOf(added));
            return Result(instance) with { TaskId = added.Id };
        }, cancellationToken);

    /// <summary>催办: a nudge to whoever has the task now.</summary>
    public Task<RunResult> UrgeTaskAsync(TaskId taskId, string actor, string? message, CancellationToken cancellationToken = default) =>
        OnOpenTaskAsync(taskId, (session, task, instance) =>
        {
            task.LastUrgedAt = clock.GetUtcNow().UtcDateTime;
            session.Journal(instance, "task-urged", task.NodeId, actor, new JsonObject
            {
                ["taskId"] = task.Id.ToString(),
                ["message"] = message,
            });
            session.Notify(task.InstanceId, task.Id, "urged", Recipient.HandlerOf(task), new JsonObject
            {
                ["message"] = message,
                ["by"] = actor,
            });
            return Result(instance);
        }, cancellationToken);

    /// <summary>
    /// 撤回: while nobody has acted since the application was submitted, the applicant takes it back; every wait ends
    /// and a resubmission task on the Start node lets them change the form and send it through the process again.
    /// </summary>
    public Task<RunResult> WithdrawAsync(InstanceId instanceId, string actor, string? reason, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async session =>
        {
            var instance = await session.LoadAsync(instanceId);
            if (instance is null)
            {
                return RunResult.NotFound("流程实例不存在。");
            }

            if (instance.Entity.Status != InstanceStatus.Suspended)
            {
                return RunResult.Conflict("流程不在审批中，不能撤回。");
            }

            if (instance.Entity.InitiatorUserId is null)
            {
                return RunResult.Conflict("该流程没有申请人，不能撤回。");
            }

            var latest = await session.Db.Journal.AsNoTracking()
                .Where(j => j.InstanceId == instanceId && SubmissionMarks.Contains(j.Kind))
                .OrderByDescending(j => j.Sequence)
                .Select(j => j.Kind)
                .FirstAsync(cancellationToken);
            switch (latest)
            {
                case "decision":
                    return RunResult.Conflict("已有审批人处理，不能撤回。");
                case "withdrawn":
                    return RunResult.Conflict("申请已撤回，请修改后重新提交。");
            }

            await session.WithdrawAsync(instance, actor, reason);
            return Result(instance);
        }, cancellationToken);

    /// <summary>
    /// 异议: anyone objects to a case under public notice (公示). The notice pauses and a person is asked to decide on
    /// the objection; with several notices open the earliest takes it.
    /// </summary>
    public Task<RunResult> RaiseObjectionAsync(InstanceId instanceId, string actor, string reason, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async session =>
        {
            if (string.IsNullOrWhiteSpace(actor))
            {
                return RunResult.Invalid("actor", "请注明异议人。");
            }

            if (string.IsNullOrWhiteSpace(reason))
            {
                return RunResult.Invalid("reason", "请填写异议理由。");
            }

            var instance = await session.LoadAsync(instanceId);
            if (instance is null)
            {
                return RunResult.NotFound("流程实例不存在。");
            }

            var notice = instance.Bookmarks.Where(b => b.Kind == PublicNotice.ObjectionBookmark)
                .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id.Value).FirstOrDefault();
            if (instance.Entity.Status != InstanceStatus.Suspended || notice is null)
            {
                return RunResult.Conflict("该流程当前不在公示期，不能提出异议。");
            }

            return await ResumeLoadedAsync(session, instanceId, notice, new JsonObject { ["objector"] = actor, ["reason"] = reason.Trim() }, actor);
        }, cancellationToken);

    /// <summary>An added signer's opinion is on the record; the task that asked for it can now be decided.</summary>
    private static async Task RecordSignerOpinionAsync(
        ExecutionSession session, LoadedInstance instance, HumanTask task, CancellationToken cancellationToken)
    {
        session.Journal(instance, "signer-opinion", task.NodeId, task.CompletedBy, new JsonObject
        {
            ["taskId"] = task.Id.ToString(),
            ["parentTaskId"] = task.ParentTaskId?.ToString(),
            ["outcome"] = task.Outcome,
            ["comment"] = task.Comment,
        });
        if (task.ParentTaskId is { } parentId
            && await session.Db.HumanTasks.FirstOrDefaultAsync(t => t.Id == parentId, cancellationToken) is { } parent
            && parent.WaitingForTaskId == task.Id)
        {
            parent.WaitingForTaskId = null;
        }
    }

    /// <summary>A reminder or an overdue alarm on a task still open; it never moves the case on.</summary>
    private async Task<RunResult> RaiseAlarmAsync(ExecutionSession session, WorkflowTimer timer, CancellationToken cancellationToken)
    {
        var task = timer.TaskId is { } taskId
            ? await session.Db.HumanTasks.FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            : null;
        if (task is not { Status: HumanTaskStatus.Open } || await session.LoadAsync(task.InstanceId) is not { } instance)
        {
            return new RunResult(RunStatus.Ok, timer.InstanceId);
        }

        var notice = new JsonObject
        {
            ["title"] = task.Title,
            ["dueAt"] = ExecutionSession.BeijingTime(task.DueAt),
        };
        if (timer.Purpose == TimerPurpose.Reminder)
        {
            session.Journal(instance, "task-reminded", task.NodeId, null, new JsonObject { ["taskId"] = task.Id.ToString() });
            session.Notify(task.InstanceId, task.Id, "reminder", Recipient.HandlerOf(task), notice);
            return Result(instance);
        }

        task.OverdueAt = clock.GetUtcNow().UtcDateTime;
        task.EscalatedToOrgId = task.AssigneeOrgId is { } org ? await organizations.GetParentAsync(org, cancellationToken) : null;
        session.Journal(instance, "task-overdue", task.NodeId, null, new JsonObject
        {
            ["taskId"] = task.Id.ToString(),
            ["escalatedTo"] = task.EscalatedToOrgId,
        });
        session.Notify(task.InstanceId, task.Id, "overdue", Recipient.HandlerOf(task), notice);
        if (task.EscalatedToOrgId is { } supervisor)
        {
            notice["assigneeOrgId"] = task.AssigneeOrgId;
            notice["assigneeUserId"] = task.AssigneeUserId;
            session.Notify(task.InstanceId, task.Id, "escalated", new Recipient(null, supervisor), notice);
        }

        return Result(instance);
    }

    private Task<RunResult> OnOpenTaskAsync(
        TaskId taskId, Func<ExecutionSession, HumanTask, LoadedInstance, RunResult> work, CancellationToken cancellationToken) =>
        InTransactionAsync(async session =>
        {
            var instanceId = await session.Db.HumanTasks.Where(t => t.Id == taskId).Select(t => (InstanceId?)t.InstanceId).FirstOrDefaultAsync(cancellationToken);
            if (instanceId is null)
            {
                return RunResult.NotFound("待办事项不存在。");
            }

            // The case is read before the task: a change to the task committed after this point has also moved the
            // case's version, so saving over it is a conflict rather than a lost update.
            if (await session.LoadAsync(instanceId.Value) is not { } instance)
            {
                return RunResult.NotFound("流程实例不存在。");
            }

            var task = await session.Db.HumanTasks.SingleAsync(t => t.Id == taskId, cancellationToken);
            return task.Status == HumanTaskStatus.Open
                ? work(session, task, instance)
                : RunResult.Conflict("该待办已被处理或已取消，请刷新后查看。");
        }, cancellationToken);

    private static RunResult? Unnamed(TaskReassignment person) =>
        string.IsNullOrWhiteSpace(person.UserId) ? RunResult.Invalid("userId", "请指定接收人。") : null;
}
