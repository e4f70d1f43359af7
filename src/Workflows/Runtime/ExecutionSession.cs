// One unit of work inside one database transaction: loads instances, runs them until every path waits,
// applies what the activities asked for and writes the journal. Nothing outlives it but the rows.
using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Runtime;

internal sealed class ExecutionSession(WorkflowRuntime runtime, WorkflowDbContext db, CancellationToken cancellationToken)
{
    /// <summary>A run longer than this is a loop with no waiting step that slipped past validation.</summary>
    public const int MaxStepsPerRun = 10_000;

    private readonly Dictionary<InstanceId, LoadedInstance> loaded = [];
    private WorkingDayCalendar? calendar;

    public WorkflowRuntime Runtime => runtime;

    public CancellationToken CancellationToken => cancellationToken;

    public WorkflowDbContext Db => db;

    public TimeProvider Clock => runtime.Clock;

    public DateTimeOffset Now => runtime.Clock.GetUtcNow();

    public List<WorkflowTimer> NewTimers { get; } = [];

    public async Task<LoadedInstance?> LoadAsync(InstanceId id)
    {
        if (loaded.TryGetValue(id, out var known))
        {
            return known;
        }

        var entity = await db.Instances.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var definition = await runtime.Definitions.GetByRecordIdAsync(db, entity.DefinitionRecordId, cancellationToken);
        var bookmarks = await db.Bookmarks.Where(b => b.InstanceId == id).ToListAsync(cancellationToken);
        var instance = new LoadedInstance(entity, definition, bookmarks);
        loaded[id] = instance;
        return instance;
    }

    public LoadedInstance Create(
        PublishedDefinition published, StartRequest request, InstanceId? parent = null, BookmarkId? parentBookmark = null, InstanceId? id = null)
    {
        var definition = published.Definition;
        var now = Now.UtcDateTime;
        var entity = new WorkflowInstance
        {
            Id = id ?? InstanceId.New(Clock),
            DefinitionRecordId = published.RecordId,
            DefinitionId = definition.Id,
            DefinitionVersion = definition.Version,
            Title = string.IsNullOrWhiteSpace(request.Title) ? definition.Name : request.Title.Trim(),
            Status = InstanceStatus.Running,
            InitiatorUserId = request.InitiatorUserId,
            InitiatorOrgId = request.InitiatorOrgId,
            ParentInstanceId = parent,
            ParentBookmarkId = parentBookmark,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Instances.Add(entity);

        var variables = new JsonObject();
        foreach (var variable in definition.Variables)
        {
            variables[variable.Name] = variable.Default?.DeepClone();
        }

        foreach (var (name, value) in request.Variables ?? [])
        {
            variables[name] = value?.DeepClone();
        }

        var start = definition.Nodes.First(n => n.Kind == "Start");
        var instance = new LoadedInstance(entity, definition, [])
        {
            Variables = variables,
            Form = (JsonObject?)request.Form?.DeepClone() ?? [],
        };
        instance.Queue.Add(new WorkItem(start.Id) { Actor = request.InitiatorUserId });
        loaded[entity.Id] = instance;
        Journal(instance, "started", null, request.InitiatorUserId, new JsonObject
        {
            ["definitionId"] = definition.Id,
            ["version"] = definition.Version,
            ["title"] = entity.Title,
            ["form"] = instance.Form.DeepClone(),
        });
        return instance;
    }

    public async Task RunAsync(LoadedInstance instance)
    {
        if (instance.Running)
        {
            return;
        }

        instance.Running = true;
        try
        {
            instance.Entity.Status = InstanceStatus.Running;
            var steps = 0;
            while (instance.Queue.Count > 0 && instance.Entity.Status == InstanceStatus.Running)
            {
                var item = instance.Queue[0];
                instance.Queue.RemoveAt(0);
                if (++steps > MaxStepsPerRun)
                {
                    Fault(instance, item, $"一次运行超过 {MaxStepsPerRun} 步，流程可能陷入了没有等待环节的循环。", null);
                    break;
                }

                await StepAsync(instance, item);
            }

            if (instance.Entity.Status == InstanceStatus.Running)
            {
                if (instance.Bookmarks.Count == 0)
                {
                    await FinishAsync(instance, null);
                }
                else
                {
                    instance.Entity.Status = InstanceStatus.Suspended;
                }
            }
        }
        finally
        {
            instance.Running = false;
        }
    }

    public async Task CancelAsync(LoadedInstance instance, string? actor, string? reason, bool notifyParent = true)
    {
        await EndWaitsAsync(instance, actor, "上级流程已撤销");
        instance.Entity.Status = InstanceStatus.Cancelled;
        instance.Entity.FinishedAt = Now.UtcDateTime;
        Journal(instance, "cancelled", null, actor, new JsonObject { ["reason"] = reason });
        NotifyInitiator(instance, "case-cancelled", new JsonObject { ["reason"] = reason });
        if (notifyParent)
        {
            await NotifyParentAsync(instance, "cancelled", null);
        }
    }

    /// <summary>撤回: every wait ends and the applicant gets a task on the Start node to change the form and resubmit.</summary>
    public async Task WithdrawAsync(LoadedInstance instance, string actor, string? reason)
    {
        await EndWaitsAsync(instance, actor, "上级流程已撤回");
        Journal(instance, "withdrawn", null, actor, new JsonObject { ["reason"] = reason });
        var start = instance.Definition.Nodes.First(n => n.Kind == "Start");
        var activity = runtime.Activities.Find(start.Kind)
                       ?? throw new InvalidOperationException("活动目录中没有“开始”活动。");
        var context = new ActivityContext(this, instance, start, activity, new WorkItem(start.Id) { Actor = actor });
        await context.CreateHumanTaskAsync(new HumanTaskRequest(
            "resubmit", new AssigneeSpec(null, instance.Entity.InitiatorOrgId, AssigneeSpec.Initiator), ["resubmit"])
        {
            Title = $"{instance.Entity.Title} · 撤回后修改并重新提交",
        });
        await ApplyAsync(instance, start, context, actor);
    }

    /// <summary>Removes every bookmark and queued step, and cancels the child cases still running.</summary>
    private async Task EndWaitsAsync(LoadedInstance instance, string? actor, string childReason)
    {
        foreach (var bookmark in instance.Bookmarks.ToList())
        {
            await RemoveBookmarkAsync(instance, bookmark, consumed: false);
        }

        instance.Queue.Clear();
        instance.NodeStates.Clear();
        var children = await db.Instances
            .Where(i => i.ParentInstanceId == instance.Entity.Id
                        && (i.Status == InstanceStatus.Suspended || i.Status == InstanceStatus.Faulted || i.Status == InstanceStatus.Running))
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
        foreach (var childId in children)
        {
            if (await LoadAsync(childId) is { } child && child.Entity.Status is not (InstanceStatus.Cancelled or InstanceStatus.Finished))
            {
                await CancelAsync(child, actor, childReason, notifyParent: false);
            }
        }
    }

    public void Journal(LoadedInstance instance, string kind, string? nodeId, string? actor, JsonObject data)
    {
        var entity = instance.Entity;
        var entry = new JournalEntry
        {
            InstanceId = entity.Id,
            Sequence = entity.JournalSequence + 1,
            At = JournalChain.Normalize(Now),
            Kind = kind,
            NodeId = nodeId,
            Actor = actor,
            Data = data.ToJsonString(DefinitionJson.Compact),
            PreviousHash = entity.JournalHash,
            Hash = "",
        };
        entry.Hash = JournalChain.Hash(entry);
        entity.JournalSequence = entry.Sequence;
        entity.JournalHash = entry.Hash;
        db.Journal.Add(entry);
    }

    /// <summary>Queues a notice for the host to deliver; it commits or rolls back with the step that caused it.</summary>
    public void Notify(InstanceId instanceId, TaskId? taskId, string kind, Recipient recipient, JsonObject data) =>
        db.Outbox.Add(new OutboxMessage
        {
            InstanceId = instanceId,
            TaskId = taskId,
            Kind = kind,
            RecipientUserId = recipient.UserId,
            RecipientOrgId = recipient.OrgId,
            RecipientRole = recipient.Role,
            Data = data.ToJsonString(DefinitionJson.Compact),
            CreatedAt = Now.UtcDateTime,
        });

    public void NotifyAssigned(HumanTask task, Recipient recipient) =>
        Notify(task.InstanceId, task.Id, "task-assigned", recipient, new JsonObject
        {
            ["title"] = task.Title,
            ["taskKind"] = task.Kind,
            ["dueAt"] = BeijingTime(task.DueAt),
        });

    /// <summary>A stored UTC instant as the Beijing time people read in notices.</summary>
    public static string? BeijingTime(DateTime? utc) =>
        utc is { } value ? new DateTimeOffset(value, TimeSpan.Zero).ToOffset(WorkingDayCalendar.ChinaOffset).ToString("O", CultureInfo.InvariantCulture) : null;

    public void FlushAll()
    {
        var now = Now.UtcDateTime;
        foreach (var instance in loaded.Values)
        {
            instance.Flush(now);
        }
    }

    public async Task<WorkingDayCalendar> GetCalendarAsync() =>
        calendar ??= await runtime.Calendars.GetAsync(db, cancellationToken);

    public async ValueTask<ResolvedAssignee> ResolveAssigneeAsync(LoadedInstance instance, AssigneeSpec spec)
    {
        var user = spec.User == AssigneeSpec.Initiator ? instance.Entity.InitiatorUserId : spec.User;
        string? org = null;
        if (spec.Org is { } text)
        {
            var parts = text.Split('.');
            var rest = parts.Skip(1);
            if (parts[0] == AssigneeSpec.Initiator)
            {
                org = instance.Entity.InitiatorOrgId ?? throw new InvalidOperationException("流程发起人没有所属单位，无法确定处理单位。");
            }
            else if (parts[0] == AssigneeSpec.Form && parts.Length > 1)
            {
                org = instance.Form[parts[1]] is JsonValue v && v.TryGetValue<string>(out var id) && !string.IsNullOrWhiteSpace(id)
                    ? id
                    : throw new InvalidOperationException($"表单字段“{parts[1]}”没有填写单位，无法确定处理单位。");
                rest = parts.Skip(2);
            }

            if (org is not null)
            {
                foreach (var part in rest)
                {
                    if (part.StartsWith(AssigneeSpec.BureauPrefix, StringComparison.Ordinal) && part.Length > AssigneeSpec.BureauPrefix.Length)
                    {
                        var kind = part[AssigneeSpec.BureauPrefix.Length..];
                        org = await runtime.Organizations.GetBureauAsync(org, kind, cancellationToken)
                              ?? throw new InvalidOperationException($"单位 {org} 没有“{kind}”类别的主管部门。");
                        continue;
                    }

                    if (part != AssigneeSpec.Parent)
                    {
                        throw new InvalidOperationException($"无法识别的单位表达式“{text}”，只支持 initiator、form.字段、.parent 和 .bureau:类别。");
                    }

                    org = await runtime.Organizations.GetParentAsync(org, cancellationToken)
                          ?? throw new InvalidOperationException($"单位 {org} 没有上级单位。");
                }
            }
            else
            {
                org = text;
            }
        }

        return new ResolvedAssignee(spec.Role, org, user);
    }

    public async Task<PublishedDefinition> FindPublishedAsync(string definitionId) =>
        await runtime.Definitions.GetLatestAsync(db, definitionId, cancellationToken)
        ?? throw new InvalidOperationException($"流程“{definitionId}”没有已发布的版本。");

    private async Task StepAsync(LoadedInstance instance, WorkItem item)
    {
        var node = instance.Definition.FindNode(item.NodeId);
        var activity = node is null ? null : runtime.Activities.Find(node.Kind);
        if (node is null || activity is null)
        {
            Fault(instance, item, node is null ? $"节点 {item.NodeId} 不存在。" : $"未知的活动类型 {node.Kind}。", null);
            return;
        }

        Bookmark? bookmark = null;
        if (item.BookmarkId is { } bookmarkId)
        {
            bookmark = instance.Bookmarks.FirstOrDefault(b => b.Id.Value == bookmarkId);
            if (bookmark is null)
            {
                // The branch was cancelled (a join on "any", a decided countersign) after this resume was queued.
                return;
            }
        }

        var context = new ActivityContext(this, instance, node, activity, item);
        ActivityResult result;
        try
        {
            result = bookmark is null
                ? await activity.ExecuteAsync(context)
                : await activity.ResumeAsync(context, new Resumption(
                    bookmark.Kind, LoadedInstance.ParseObject(bookmark.Data), item.Payload ?? [], item.Actor));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fault(instance, item, ex.Message, ex.ToString());
            return;
        }

        if (bookmark is not null)
        {
            await RemoveBookmarkAsync(instance, bookmark, consumed: true);
        }

        await ApplyAsync(instance, node, context, item.Actor);
        switch (result)
        {
            case ActivityResult.Completed completed:
                Complete(instance, node, item.Actor, completed.Outcomes);
                foreach (var outcome in completed.Outcomes)
                {
                    foreach (var edge in instance.Definition.EdgesFrom(node.Id, outcome))
                    {
                        instance.Queue.Add(new WorkItem(edge.Target, node.Id, outcome) { Actor = item.Actor });
                    }
                }

                break;
            case ActivityResult.Waiting:
                if (context.State.Count > 0)
                {
                    instance.NodeStates[node.Id] = context.State;
                }
                else
                {
                    instance.NodeStates.Remove(node.Id);
                }

                break;
            case ActivityResult.Jump jump:
                instance.NodeStates.Remove(node.Id);
                Journal(instance, "jumped", node.Id, item.Actor, new JsonObject { ["to"] = jump.NodeId });
                instance.Queue.Add(new WorkItem(jump.NodeId) { Actor = item.Actor });
                break;
            case ActivityResult.Finish finish:
                Complete(instance, node, item.Actor, []);
                await FinishAsync(instance, finish.Output);
                break;
        }
    }

    private void Complete(LoadedInstance instance, NodeDefinition node, string? actor, IReadOnlyList<string> outcomes)
    {
        instance.NodeStates.Remove(node.Id);
        instance.Visited.Add(node.Id);
        Journal(instance, "completed", node.Id, actor,
            new JsonObject { ["name"] = node.DisplayName, ["outcomes"] = new JsonArray([.. outcomes.Select(o => JsonValue.Create(o))]) });
    }

    private async Task ApplyAsync(LoadedInstance instance, NodeDefinition node, ActivityContext context, string? actor)
    {
        foreach (var id in context.Cancellations.Distinct())
        {
            if (instance.Bookmarks.FirstOrDefault(b => b.Id == id) is { } cancelled)
            {
                await RemoveBookmarkAsync(instance, cancelled, consumed: false);
            }
        }

        instance.Queue.RemoveAll(w => context.DequeuedNodes.Contains(w.NodeId));
        if (context.VariablesChanged)
        {
            instance.Variables = context.Variables;
        }

        if (context.FormChanged)
        {
            instance.Form = context.Form;
        }

        foreach (var (kind, data) in context.JournalEntries)
        {
            Journal(instance, kind, node.Id, actor, data);
        }

        var now = Now.UtcDateTime;
        foreach (var pending in context.NewBookmarks)
        {
            var bookmark = new Bookmark
            {
                Id = pending.Id,
                InstanceId = instance.Entity.Id,
                NodeId = node.Id,
                Kind = pending.Kind,
                Data = pending.Data.ToJsonString(DefinitionJson.Compact),
                CreatedAt = now,
            };
            db.Bookmarks.Add(bookmark);
            instance.Bookmarks.Add(bookmark);

            if (pending.Task is { } request && pending.Assignee is { } assignee)
            {
                var task = new HumanTask
                {
                    Id = TaskId.New(Clock),
                    InstanceId = instance.Entity.Id,
                    BookmarkId = bookmark.Id,
                    DefinitionId = instance.Definition.Id,
                    NodeId = node.Id,
                    Title = request.Title ?? $"{instance.Entity.Title} · {node.DisplayName}",
                    Kind = request.Kind,
                    AssigneeRole = assignee.Role,
                    AssigneeOrgId = assignee.OrgId,
                    AssigneeUserId = assignee.UserId,
                    AllowedOutcomes = new JsonArray([.. request.Outcomes.Select(o => JsonValue.Create(o))]).ToJsonString(),
                    Status = HumanTaskStatus.Open,
                    CreatedAt = now,
                    DueAt = request.DueAt?.UtcDateTime,
                };
                db.HumanTasks.Add(task);
                Journal(instance, "task-created", node.Id, actor, new JsonObject
                {
                    ["taskId"] = task.Id.ToString(),
                    ["kind"] = task.Kind,
                    ["title"] = task.Title,
                    ["assignee"] = assignee.ToJson(),
                    ["dueAt"] = request.DueAt?.ToOffset(WorkingDayCalendar.ChinaOffset).ToString("O", CultureInfo.InvariantCulture),
                });
                NotifyAssigned(task, Recipient.HandlerOf(task));
                if (request.DueAt is { } taskDue)
                {
                    await ScheduleAlarmsAsync(task, taskDue, request.RemindBeforeWorkingDays);
                }
            }

            if (pending.DueAt is { } due)
            {
                var timer = AddTimer(instance.Entity.Id, bookmark.Id, node.Id, due, TimerPurpose.Resume, null);
                Journal(instance, "timer-scheduled", node.Id, actor, new JsonObject
                {
                    ["timerId"] = timer.Id.ToString(),
                    ["dueAt"] = due.ToOffset(WorkingDayCalendar.ChinaOffset).ToString("O", CultureInfo.InvariantCulture),
                });
            }
        }

        foreach (var child in context.Children)
        {
            await StartChildAsync(instance, node, child);
        }

        foreach (var entry in context.Registrations)
        {
            await RegisterAsync(instance, entry);
        }
    }

    private async Task RegisterAsync(LoadedInstance instance, RegistryEntry entry)
    {
        var record = db.Registry.Local.FirstOrDefault(r => r.Collection == entry.Collection && r.OrgId == entry.OrgId && r.Key == entry.Key)
                     ?? await db.Registry.FirstOrDefaultAsync(
                         r => r.Collection == entry.Collection && r.OrgId == entry.OrgId && r.Key == entry.Key, cancellationToken);
        if (record is null)
        {
            record = new RegistryRecord
            {
                Collection = entry.Collection, OrgId = entry.OrgId, Key = entry.Key, Name = entry.Name, Status = entry.Status,
                CreatedAt = Now.UtcDateTime,
            };
            db.Registry.Add(record);
        }

        record.Name = entry.Name;
        record.Status = entry.Status;
        record.Data = entry.Data.ToJsonString(DefinitionJson.Compact);
        record.InstanceId = instance.Entity.Id;
        record.UpdatedAt = Now.UtcDateTime;
    }

    /// <summary>Overdue at the deadline and, while it is still ahead, a reminder N working days before it.</summary>
    private async Task ScheduleAlarmsAsync(HumanTask task, DateTimeOffset due, int? remindBeforeWorkingDays)
    {
        AddTimer(task.InstanceId, task.BookmarkId, task.NodeId, due, TimerPurpose.Overdue, task.Id);
        var days = remindBeforeWorkingDays ?? runtime.Options.ReminderWorkingDays;
        if (days <= 0)
        {
            return;
        }

        var remindAt = (await GetCalendarAsync()).SubtractWorkingDays(due, days);
        if (remindAt > Now)
        {
            AddTimer(task.InstanceId, task.BookmarkId, task.NodeId, remindAt, TimerPurpose.Reminder, task.Id);
        }
    }

    private WorkflowTimer AddTimer(InstanceId instanceId, BookmarkId bookmarkId, string nodeId, DateTimeOffset due, TimerPurpose purpose, TaskId? taskId)
    {
        var timer = new WorkflowTimer
        {
            Id = TimerId.New(Clock),
            InstanceId = instanceId,
            BookmarkId = bookmarkId,
            NodeId = nodeId,
            DueAt = due.UtcDateTime,
            State = TimerState.Pending,
            CreatedAt = Now.UtcDateTime,
            Purpose = purpose,
            TaskId = taskId,
        };
        db.Timers.Add(timer);
        NewTimers.Add(timer);
        return timer;
    }

    private async Task StartChildAsync(LoadedInstance parent, NodeDefinition node, PendingChild child)
    {
        var request = new StartRequest(child.Published.Definition.Id)
        {
            Title = child.Title ?? $"{parent.Entity.Title} · {node.DisplayName} {child.Index + 1}",
            Variables = child.Variables,
            Form = child.Form,
            InitiatorUserId = child.InitiatorUserId,
            InitiatorOrgId = child.InitiatorOrgId,
        };
        var instance = Create(child.Published, request, parent.Entity.Id, child.Bookmark, child.Id);
        var bookmark = parent.Bookmarks.First(b => b.Id == child.Bookmark);
        var data = LoadedInstance.ParseObject(bookmark.Data);
        data["childId"] = instance.Entity.Id.ToString();
        bookmark.Data = data.ToJsonString(DefinitionJson.Compact);
        Journal(parent, "child-started", node.Id, null, new JsonObject
        {
            ["childId"] = instance.Entity.Id.ToString(),
            ["index"] = child.Index,
            ["definitionId"] = request.DefinitionId,
        });
        await RunAsync(instance);
    }

    private async Task FinishAsync(LoadedInstance instance, JsonNode? output)
    {
        foreach (var bookmark in instance.Bookmarks.ToList())
        {
            await RemoveBookmarkAsync(instance, bookmark, consumed: false);
        }

        instance.Queue.Clear();
        instance.NodeStates.Clear();
        var result = output ?? instance.Variables.DeepClone();
        instance.Entity.Status = InstanceStatus.Finished;
        instance.Entity.FinishedAt = Now.UtcDateTime;
        instance.Entity.Output = result.ToJsonString(DefinitionJson.Compact);
        Journal(instance, "finished", null, null, new JsonObject { ["output"] = result.DeepClone() });
        NotifyInitiator(instance, "case-finished", new JsonObject { ["output"] = result.DeepClone() });
        await NotifyParentAsync(instance, "finished", result);
    }

    private void NotifyInitiator(LoadedInstance instance, string kind, JsonObject data)
    {
        if (instance.Entity.InitiatorUserId is { } initiator)
        {
            Notify(instance.Entity.Id, null, kind, new Recipient(initiator), data);
        }
    }

    /// <summary>The child's end and the parent's resume are one transaction, so the parent cannot miss it.</summary>
    private async Task NotifyParentAsync(LoadedInstance child, string status, JsonNode? output)
    {
        if (child.Entity is not { ParentInstanceId: { } parentId, ParentBookmarkId: { } bookmarkId }
            || await LoadAsync(parentId) is not { } parent
            || parent.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId) is not { } bookmark)
        {
            return;
        }

        parent.Queue.Add(new WorkItem(bookmark.NodeId)
        {
            BookmarkId = bookmarkId.Value,
            Payload = new JsonObject
            {
                ["childId"] = child.Entity.Id.ToString(),
                ["status"] = status,
                ["output"] = output?.DeepClone(),
            },
        });
        Journal(parent, "child-" + status, bookmark.NodeId, null, new JsonObject { ["childId"] = child.Entity.Id.ToString() });
        if (parent.Entity.Status is InstanceStatus.Suspended or InstanceStatus.Running)
        {
            await RunAsync(parent);
        }
    }

    private async Task RemoveBookmarkAsync(LoadedInstance instance, Bookmark bookmark, bool consumed)
    {
        instance.Bookmarks.Remove(bookmark);
        var entry = db.Entry(bookmark);
        if (entry.State == EntityState.Added)
        {
            entry.State = EntityState.Detached;
        }
        else
        {
            db.Bookmarks.Remove(bookmark);
        }

        // Only a task bookmark has task rows and only a timer bookmark or a task with a deadline has timer rows:
        // one query per kind of row that can exist.
        var now = Now.UtcDateTime;
        if (bookmark.Kind == "task")
        {
            var tasks = (await db.HumanTasks.Where(t => t.BookmarkId == bookmark.Id && t.Status == HumanTaskStatus.Open)
                    .ToListAsync(cancellationToken))
                .Union(db.HumanTasks.Local.Where(t => t.BookmarkId == bookmark.Id))
                .ToList();
            foreach (var task in tasks.Where(t => t.Status == HumanTaskStatus.Open))
            {
                // An added signer's opinion is moot once the step it was asked for is over.
                task.Status = consumed && task.ParentTaskId is null ? HumanTaskStatus.Completed : HumanTaskStatus.Cancelled;
                task.CompletedAt = now;
            }

            if (tasks.Any(t => t.DueAt is not null))
            {
                await SettleTimersAsync(bookmark.Id, TimerState.Cancelled, null);
            }
        }
        else if (bookmark.Kind == "timer")
        {
            await SettleTimersAsync(bookmark.Id, consumed ? TimerState.Fired : TimerState.Cancelled, consumed ? now : null);
        }

        if (!consumed)
        {
            Journal(instance, "wait-cancelled", bookmark.NodeId, null, new JsonObject { ["kind"] = bookmark.Kind });
            if (instance.Bookmarks.All(b => b.NodeId != bookmark.NodeId))
            {
                instance.NodeStates.Remove(bookmark.NodeId);
            }
        }
    }

    private async Task SettleTimersAsync(BookmarkId bookmarkId, TimerState state, DateTime? firedAt)
    {
        var timers = await db.Timers.Where(t => t.BookmarkId == bookmarkId && t.State == TimerState.Pending).ToListAsync(cancellationToken);
        foreach (var timer in timers.Union(db.Timers.Local.Where(t => t.BookmarkId == bookmarkId)).Where(t => t.State == TimerState.Pending))
        {
            timer.State = state;
            timer.FiredAt = firedAt;
        }
    }

    private void Fault(LoadedInstance instance, WorkItem item, string message, string? detail)
    {
        instance.Queue.Insert(0, item);
        instance.Entity.Status = InstanceStatus.Faulted;
        db.Incidents.Add(new Incident
        {
            Id = IncidentId.New(Clock),
            InstanceId = instance.Entity.Id,
            NodeId = item.NodeId,
            Message = message.Length > 2000 ? message[..2000] : message,
            Detail = detail,
            CreatedAt = Now.UtcDateTime,
        });
        Journal(instance, "incident", item.NodeId, null, new JsonObject { ["message"] = message });
        WorkflowRuntime.LogIncident(runtime.Logger, instance.Entity.Id, item.NodeId, message);
    }
}
