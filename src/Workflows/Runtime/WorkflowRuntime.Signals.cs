// Signals: what people bring to a waiting node from outside any task, such as a school's application to a batch's
// window or the province's quota exception. The node checks a signal first, and a refused one writes nothing; the
// same check can be asked alone, so a form can be checked while it is being filled.
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;

namespace Approvals.Workflows.Runtime;

/// <summary>A signal of a kind (the kind of bookmark it resumes), what it brings, and who brings it.</summary>
public sealed record Signal(string Kind, JsonObject Payload, string Actor)
{
    /// <summary>The answer when the case waits for no signal of this kind (a window that has closed, say).</summary>
    public string NotWaiting { get; init; } = "该案件当前不接受此事项。";
}

public sealed partial class WorkflowRuntime
{
    /// <summary>Brings a signal to the earliest bookmark of its kind on the case, once the waiting node has accepted it.</summary>
    public Task<RunResult> SignalAsync(InstanceId instanceId, Signal signal, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async session =>
        {
            var (bookmark, refused) = await CheckSignalAsync(session, instanceId, signal);
            return bookmark is null
                ? refused!
                : await ResumeLoadedAsync(session, instanceId, bookmark, (JsonObject)signal.Payload.DeepClone(), signal.Actor);
        }, cancellationToken);

    /// <summary>What the waiting node would answer to the signal now, without acting on it: nothing is written.</summary>
    public async Task<RunResult> CheckSignalAsync(InstanceId instanceId, Signal signal, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var session = new ExecutionSession(this, db, cancellationToken);
        var (bookmark, refused) = await CheckSignalAsync(session, instanceId, signal);
        return bookmark is null ? refused! : new RunResult(RunStatus.Ok, instanceId, InstanceStatus.Suspended);
    }

    private async Task<(Bookmark? Bookmark, RunResult? Refused)> CheckSignalAsync(ExecutionSession session, InstanceId instanceId, Signal signal)
    {
        var instance = await session.LoadAsync(instanceId);
        if (instance is null)
        {
            return (null, RunResult.NotFound("流程实例不存在。"));
        }

        var bookmark = instance.Bookmarks.Where(b => b.Kind == signal.Kind)
            .OrderBy(b => b.CreatedAt).ThenBy(b => b.Id.Value).FirstOrDefault();
        if (instance.Entity.Status != InstanceStatus.Suspended || bookmark is null)
        {
            return (null, RunResult.Conflict(signal.NotWaiting));
        }

        var node = instance.Definition.Node(bookmark.NodeId);
        var activity = activities.Find(node.Kind) ?? throw new InvalidOperationException($"未知的活动类型 {node.Kind}。");
        var payload = (JsonObject)signal.Payload.DeepClone();
        var context = new ActivityContext(session, instance, node, activity,
            new WorkItem(node.Id) { BookmarkId = bookmark.Id.Value, Payload = payload, Actor = signal.Actor });
        var errors = await activity.CheckSignalAsync(context, new Resumption(bookmark.Kind, LoadedInstance.ParseObject(bookmark.Data), payload, signal.Actor));
        return errors.Count > 0 ? (null, RunResult.Invalid("提交的内容有误，请按提示修改。", errors)) : (bookmark, null);
    }
}
