// Attributes by which an activity class describes itself to the catalogue and the designer.
namespace Approvals.Workflows.Activities;

[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string kind, string displayName, string category) : Attribute
{
    public string Kind { get; } = kind;

    public string DisplayName { get; } = displayName;

    public string Category { get; } = category;

    public string? Description { get; init; }

    /// <summary>A blocking activity waits on a bookmark (a person, a timer, a child case); a cycle must contain one.</summary>
    public bool Blocking { get; init; }
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute(string name, string displayName, InputType type) : Attribute
{
    public string Name { get; } = name;

    public string DisplayName { get; } = displayName;

    public InputType Type { get; } = type;

    public bool Required { get; init; }

    /// <summary>Default value as JSON text, e.g. "\"all\"" or "1".</summary>
    public string? Default { get; init; }

    public string? Editor { get; init; }

    public string? Description { get; init; }

    public string[]? Options { get; init; }
}

[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class OutcomeAttribute(string name, string displayName) : Attribute
{
    public string Name { get; } = name;

    public string DisplayName { get; } = displayName;
}
