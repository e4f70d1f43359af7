// ExpressionLimits: the resource budget a single workflow expression may use.
namespace Approvals.Workflows.Expressions;

/// <summary>Budget for one evaluation; every limit applies per call.</summary>
public sealed record ExpressionLimits(int MaxStatements, TimeSpan Timeout, long MemoryBytes, int MaxRecursionDepth)
{
    public static ExpressionLimits Default { get; } = new(50_000, TimeSpan.FromSeconds(1), 16 * 1024 * 1024, 64);
}
