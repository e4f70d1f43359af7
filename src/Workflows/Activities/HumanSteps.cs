// What the human activities (UserTask, Approval, Countersign) share: deadlines and the data a person submits.
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

internal static class HumanSteps
{
    public const string Applicant = "applicant";

    public const string ResubmitTaskKind = "resubmit";

    public static bool IsResubmission(Resumption resumption) => resumption.Data["taskKind"]?.ToString() == ResubmitTaskKind;

    /// <summary>退回修改: to an earlier step the person named, or to the applicant, who gets a task to revise and resubmit.</summary>
    public static async ValueTask<ActivityResult> ReturnAsync(ActivityContext context, Resumption resumption)
    {
        var target = resumption.Payload["returnTo"]?.ToString() is { Length: > 0 } to ? to : Applicant;
        context.Journal("returned", new JsonObject { ["to"] = target, ["comment"] = resumption.Payload["comment"]?.DeepClone() });
        if (target != Applicant)
        {
            return ActivityResult.JumpTo(target);
        }

        await context.CreateHumanTaskAsync(new HumanTaskRequest(ResubmitTaskKind, new AssigneeSpec(null, AssigneeSpec.Initiator, AssigneeSpec.Initiator), [ResubmitTaskKind])
        {
            Title = $"退回修改：{context.Node.DisplayName}",
        });
        return ActivityResult.Wait;
    }

    /// <summary>The applicant resubmitted: the step that returned it runs again, or the whole process from its start.</summary>
    public static ActivityResult Resubmitted(ActivityContext context, Resumption resumption, bool fromStart)
    {
        context.Journal("resubmitted", new JsonObject { ["comment"] = resumption.Payload["comment"]?.DeepClone() });
        return ActivityResult.JumpTo(fromStart ? context.Definition.Nodes.First(n => n.Kind == "Start").Id : context.Node.Id);
    }

    /// <summary>The task deadline from the node's "dueInWorkingDays" input, counted on the working-day calendar.</summary>
    public static async Task<DateTimeOffset?> DeadlineAsync(ActivityContext context)
    {
        if (context.Number("dueInWorkingDays") is not { } days || days <= 0)
        {
            return null;
        }

        var calendar = await context.GetCalendarAsync();
        return calendar.AddWorkingDays(context.Now, (int)Math.Ceiling(days));
    }

    /// <summary>The node's "remindBeforeWorkingDays" input; null when the step leaves it to the installation's setting.</summary>
    public static int? ReminderDays(ActivityContext context) => context.Number("remindBeforeWorkingDays") switch
    {
        null => null,
        >= 0 and <= 365 and var days => (int)Math.Ceiling(days),
        var days => throw new InvalidOperationException($"“到期前提醒（工作日）”应在 0 到 365 之间，实际为 {days}。"),
    };

    /// <summary>Fields the person filled in while deciding go into the form, each change journaled.</summary>
    public static void MergeSubmittedData(ActivityContext context, Resumption resumption)
    {
        if (resumption.Payload["data"] is JsonObject data)
        {
            context.MergeForm(data);
        }
    }

    public static async ValueTask<BookmarkId> CreateAsync(
        ActivityContext context, string kind, AssigneeSpec assignee, IReadOnlyList<string> outcomes, JsonObject? data = null) =>
        await context.CreateHumanTaskAsync(new HumanTaskRequest(kind, assignee, outcomes)
        {
            Title = context.Text("title"),
            DueAt = await DeadlineAsync(context),
            RemindBeforeWorkingDays = ReminderDays(context),
            Data = data,
        });
}
