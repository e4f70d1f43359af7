using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("PublicNotice", "公示", ActivityCategories.Time, Blocking = true,
    Description = "公示 N 个工作日；公示期内任何人可提出异议，异议处理期间公示暂停。异议不成立则继续公示，成立则转入异议成立分支。")]
[Input("days", "公示天数（工作日）", InputType.Number, Required = true, Editor = "working-days")]
[Input("title", "公示标题", InputType.Text)]
[Input("handler", "异议处理人", InputType.Assignee, Required = true)]
[Input("afterObjection", "异议不成立后", InputType.Select, Default = "\"resume\"", Options = ["resume", "restart"],
    Description = "resume：继续公示剩余的工作日；restart：重新公示完整的天数")]
[Outcome("done", "公示期满")]
[Outcome("objection-upheld", "异议成立")]
public sealed class PublicNotice : Activity
{
    public const string ObjectionBookmark = "objection";
    public const string ObjectionTaskKind = "objection";

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var days = Days(context);
        // A handler that cannot be read is found now, not when the first objection comes in.
        AssigneeSpec.Parse(context.Input("handler"));
        context.State.Clear();
        context.State["days"] = days;
        context.State["open"] = 0;
        context.State["raised"] = 0;
        var dueAt = await RunAsync(context, days);
        context.CreateBookmark(ObjectionBookmark);
        context.Journal("notice-started", new JsonObject { ["title"] = context.Text("title"), ["days"] = days, ["dueAt"] = Instant(dueAt) });
        return ActivityResult.Wait;
    }

    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption)
    {
        switch (resumption.Kind)
        {
            case ObjectionBookmark:
                await RaiseAsync(context, resumption);
                return ActivityResult.Wait;
            case "timer":
                context.CancelOwnBookmarks();
                context.Journal("notice-ended", new JsonObject { ["objections"] = context.State["raised"]!.GetValue<int>() });
                return ActivityResult.Done("done");
            default:
                return await DecideAsync(context, resumption);
        }
    }

    public override IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition)
    {
        if (node.Inputs["days"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) is var days && !IsDays(days))
        {
            yield return new DefinitionProblem(node.Id, "bad-notice", $"“{node.DisplayName}”：公示天数应为 1 到 365 之间的整数。");
        }
    }

    /// <summary>An objection pauses the notice: the timer stops and the working days still owed are kept.</summary>
    private static async Task RaiseAsync(ActivityContext context, Resumption resumption)
    {
        var objector = resumption.Payload["objector"]?.GetValue<string>() ?? resumption.Actor;
        var reason = resumption.Payload["reason"]?.GetValue<string>();
        var open = context.State["open"]!.GetValue<int>();
        var number = context.State["raised"]!.GetValue<int>() + 1;
        context.State["raised"] = number;
        if (open == 0)
        {
            var dueAt = DateTimeOffset.Parse(context.State["dueAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var remaining = RemainingDays(await context.GetCalendarAsync(), context.Now, dueAt, context.State["days"]!.GetValue<int>());
            context.CancelBookmark(new BookmarkId(Guid.Parse(context.State["timer"]!.GetValue<string>())));
            context.State.Remove("timer");
            context.State["remaining"] = remaining;
            context.Journal("notice-paused", new JsonObject { ["remainingDays"] = remaining });
        }

        context.State["open"] = open + 1;
        var title = context.Text("title");
        await context.CreateHumanTaskAsync(new HumanTaskRequest(ObjectionTaskKind, AssigneeSpec.Parse(context.Input("handler")), ["upheld", "dismissed"])
        {
            Title = title is null ? "异议处理" : $"异议处理：{title}",
            Data = new JsonObject { ["objector"] = objector, ["reason"] = reason, ["number"] = number },
        });
        context.CreateBookmark(ObjectionBookmark);
        context.Journal("objection-raised", new JsonObject
        {
            ["objector"] = objector,
            ["reason"] = reason,
            ["number"] = number,
            ["open"] = open + 1,
        });
    }

    /// <summary>An upheld objection ends the notice; the last dismissed one lets it run again.</summary>
    private static async Task<ActivityResult> DecideAsync(ActivityContext context, Resumption resumption)
    {
        var objection = new JsonObject
        {
            ["number"] = resumption.Data["number"]?.DeepClone(),
            ["objector"] = resumption.Data["objector"]?.DeepClone(),
            ["comment"] = resumption.Payload["comment"]?.DeepClone(),
        };
        if (resumption.Outcome == "upheld")
        {
            context.CancelOwnBookmarks();
            context.Journal("objection-upheld", objection);
            return ActivityResult.Done("objection-upheld");
        }

        var open = context.State["open"]!.GetValue<int>() - 1;
        context.State["open"] = open;
        objection["open"] = open;
        context.Journal("objection-dismissed", objection);
        if (open == 0)
        {
            var restart = context.Text("afterObjection") == "restart";
            var days = restart ? context.State["days"]!.GetValue<int>() : context.State["remaining"]!.GetValue<int>();
            context.State.Remove("remaining");
            var dueAt = await RunAsync(context, days);
            context.Journal("notice-resumed", new JsonObject
            {
                ["mode"] = restart ? "restart" : "resume",
                ["days"] = days,
                ["dueAt"] = Instant(dueAt),
            });
        }

        return ActivityResult.Wait;
    }

    /// <summary>Sets the timer for the given working days from now.</summary>
    private static async Task<DateTimeOffset> RunAsync(ActivityContext context, int days)
    {
        var dueAt = (await context.GetCalendarAsync()).AddWorkingDays(context.Now, days);
        context.State["dueAt"] = Instant(dueAt);
        context.State["timer"] = context.CreateTimer(dueAt).ToString();
        return dueAt;
    }

    /// <summary>The fewest whole working days from now that still reach the end of the period: the public never loses time.</summary>
    private static int RemainingDays(Calendar.WorkingDayCalendar calendar, DateTimeOffset now, DateTimeOffset dueAt, int days)
    {
        var remaining = 0;
        while (remaining < days && calendar.AddWorkingDays(now, remaining) < dueAt)
        {
            remaining++;
        }

        return remaining;
    }

    private static int Days(ActivityContext context) => context.Number("days") is { } days && IsDays(days)
        ? (int)days
        : throw new InvalidOperationException("公示天数应为 1 到 365 之间的整数。");

    private static bool IsDays(double days) => days is >= 1 and <= 365 && days == Math.Floor(days);

    private static string Instant(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);
}
