using System.Globalization;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("Timer", "定时", ActivityCategories.Time, Blocking = true,
    Description = "等到某个时间点，或 N 个工作日 / N 个自然日之后再继续，如公示期、申报截止。")]
[Input("mode", "计时方式", InputType.Select, Default = "\"workingDays\"", Options = ["at", "workingDays", "calendarDays"],
    Description = "at：指定时间；workingDays：N 个工作日后；calendarDays：N 个自然日后")]
[Input("days", "天数", InputType.Number)]
[Input("at", "时间", InputType.DateTime, Description = "如 2025-07-31T17:00:00+08:00，未写时区按北京时间")]
[Outcome("done", "到时")]
public sealed class Timer : Activity
{
    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var due = context.Text("mode") switch
        {
            "at" => ParseInstant(context.Text("at")),
            "calendarDays" => context.Now.ToOffset(WorkingDayCalendar.ChinaOffset).AddDays(Days(context)),
            _ => (await context.GetCalendarAsync()).AddWorkingDays(context.Now, (int)Days(context)),
        };
        context.CreateTimer(due);
        return ActivityResult.Wait;
    }

    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption) =>
        ValueTask.FromResult(ActivityResult.Done("done"));

    public override IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition)
    {
        var mode = node.Inputs["mode"]?.ToString() ?? "workingDays";
        if (mode == "at" && node.Inputs["at"] is null)
        {
            yield return new DefinitionProblem(node.Id, "missing-input", $"“{node.DisplayName}”按时间点计时，需要填写“时间”。");
        }
        else if (mode != "at" && node.Inputs["days"] is null)
        {
            yield return new DefinitionProblem(node.Id, "missing-input", $"“{node.DisplayName}”需要填写“天数”。");
        }
    }

    private static double Days(ActivityContext context) =>
        context.Number("days") is { } days && days >= 0 && days <= 3650
            ? days
            : throw new InvalidOperationException("定时天数应在 0 到 3650 之间。");

    /// <summary>An instant as a definition writes it: with its offset, or else in Beijing time.</summary>
    internal static DateTimeOffset ParseInstant(string? text)
    {
        if (text is null)
        {
            throw new InvalidOperationException("未填写定时时间。");
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withZone)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
        {
            return withZone;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), WorkingDayCalendar.ChinaOffset)
            : throw new InvalidOperationException($"无法识别的时间“{text}”。");
    }
}
