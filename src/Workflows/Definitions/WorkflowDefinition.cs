// The JSON model of a process: nodes (activities), edges by outcome, variables and form schemas.
using System.Text.Json.Nodes;

namespace Approvals.Workflows.Definitions;

public sealed record WorkflowDefinition
{
    /// <summary>Stable key of the process, e.g. "major-addition-filing"; versions share it.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>0 for a draft; the store assigns 1, 2, … when a version is published.</summary>
    public int Version { get; init; }

    public string? Description { get; init; }

    /// <summary>
    /// The roles whose holders may start a case of it directly: null for anyone signed in; empty when cases are only
    /// started by a parent process or by a dedicated action (a school's application through its batch, a warning on a
    /// school's major).
    /// </summary>
    public IReadOnlyList<string>? StartRoles { get; init; }

    public IReadOnlyList<VariableDefinition> Variables { get; init; } = [];

    public IReadOnlyList<NodeDefinition> Nodes { get; init; } = [];

    public IReadOnlyList<EdgeDefinition> Edges { get; init; } = [];

    public IReadOnlyList<FormDefinition> Forms { get; init; } = [];

    public NodeDefinition? FindNode(string nodeId) => Nodes.FirstOrDefault(n => n.Id == nodeId);

    public NodeDefinition Node(string nodeId) =>
        FindNode(nodeId) ?? throw new InvalidOperationException($"流程“{Name}”中没有节点 {nodeId}。");

    public IEnumerable<EdgeDefinition> EdgesFrom(string nodeId, string outcome) =>
        Edges.Where(e => e.Source == nodeId && string.Equals(e.Outcome, outcome, StringComparison.Ordinal));

    public IEnumerable<EdgeDefinition> EdgesInto(string nodeId) => Edges.Where(e => e.Target == nodeId);
}

public sealed record NodeDefinition
{
    public required string Id { get; init; }

    /// <summary>The activity kind, e.g. "Approval"; the catalogue says what it accepts.</summary>
    public required string Kind { get; init; }

    public string? Name { get; init; }

    public NodePosition? Position { get; init; }

    /// <summary>Input values by name: literals, expression strings, or <c>{"expr": "…"}</c> for a computed literal.</summary>
    public JsonObject Inputs { get; init; } = [];

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}

public sealed record NodePosition(double X, double Y);

public sealed record EdgeDefinition
{
    public required string Source { get; init; }

    public required string Outcome { get; init; }

    public required string Target { get; init; }
}

public sealed record VariableDefinition
{
    public required string Name { get; init; }

    public string? Label { get; init; }

    /// <summary>string, number, boolean, object or array.</summary>
    public string Type { get; init; } = "string";

    public JsonNode? Default { get; init; }
}

public sealed record FormDefinition
{
    public required string Id { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<FormField> Fields { get; init; } = [];
}

public sealed record FormField
{
    public required string Name { get; init; }

    public required string Label { get; init; }

    /// <summary>text, textarea, number, date, boolean, select, multiselect, file, table.</summary>
    public string Type { get; init; } = "text";

    public bool Required { get; init; }

    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>A reference list (such as "majors") whose active codes are the options, read when a form is checked.</summary>
    public string? OptionsFrom { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public int? MaxLength { get; init; }

    public string? Pattern { get; init; }

    public string? Help { get; init; }

    /// <summary>Columns of a "table" field (a list of rows).</summary>
    public IReadOnlyList<FormField>? Columns { get; init; }
}
