// ExpressionErrorKind: why an expression failed, so callers can react without parsing the message.
namespace Approvals.Workflows.Expressions;

public enum ExpressionErrorKind
{
    Runtime = 0,
    Syntax,
    Timeout,
    StatementLimit,
    MemoryLimit,
    RecursionLimit,
}
