namespace Approvals.Workflows.Definitions;

/// <summary>One thing wrong with a definition; NodeId is where the designer marks it (null for the whole definition).</summary>
public sealed record DefinitionProblem(string? NodeId, string Code, string Message);
