// The catalogue entry of an activity kind, served to the designer.
using System.Reflection;
using System.Text.Json.Nodes;

namespace Approvals.Workflows.Activities;

public sealed record ActivityDescriptor(
    string Kind,
    string DisplayName,
    string Category,
    string? Description,
    bool Blocking,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<OutcomeDescriptor> Outcomes)
{
    private const string WorkingDaysSuffix = "WorkingDays";

    public InputDescriptor? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);

    internal static ActivityDescriptor Describe(Type activityType)
    {
        var activity = activityType.GetCustomAttribute<ActivityAttribute>()
            ?? throw new InvalidOperationException($"{activityType.Name} lacks [Activity].");
        var inputs = activityType.GetCustomAttributes<InputAttribute>()
            .Select(i => new InputDescriptor(
                i.Name, i.DisplayName, i.Type, i.Required,
                i.Default is null ? null : JsonNode.Parse(i.Default),
                i.Editor ?? EditorFor(i.Name, i.Type), i.Description, i.Options))
            .ToArray();
        var outcomes = activityType.GetCustomAttributes<OutcomeAttribute>()
            .Select(o => new OutcomeDescriptor(o.Name, o.DisplayName))
            .ToArray();
        return new ActivityDescriptor(activity.Kind, activity.DisplayName, activity.Category, activity.Description,
            activity.Blocking, inputs, outcomes);
    }

    /// <summary>Every deadline input is named "…WorkingDays", so one rule here gives each its working-day editor,
    /// including a new activity's.</summary>
    private static string EditorFor(string name, InputType type) => type switch
    {
        InputType.Number when name.EndsWith(WorkingDaysSuffix, StringComparison.Ordinal) => "working-days",
        InputType.Expression => "expression",
        InputType.Select => "select",
        InputType.Assignee => "assignee",
        InputType.AssigneeList => "assignee-list",
        InputType.StringList => "string-list",
        InputType.Number => "number",
        InputType.Boolean => "switch",
        InputType.DateTime => "datetime",
        InputType.NodeRef => "node",
        InputType.Cases => "cases",
        InputType.Json => "json",
        InputType.FieldAccess => "field-access",
        _ => "text",
    };
}

public sealed record InputDescriptor(
    string Name,
    string DisplayName,
    InputType Type,
    bool Required,
    JsonNode? Default,
    string Editor,
    string? Description,
    IReadOnlyList<string>? Options);

public sealed record OutcomeDescriptor(string Name, string DisplayName);
