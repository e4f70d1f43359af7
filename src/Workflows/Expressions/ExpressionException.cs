// ExpressionException: a workflow expression could not be parsed or evaluated; the message is shown to administrators.
namespace Approvals.Workflows.Expressions;

public sealed class ExpressionException : Exception
{
    public ExpressionException()
        : this(ExpressionErrorKind.Runtime, string.Empty, "表达式运行错误")
    {
    }

    public ExpressionException(string message)
        : this(ExpressionErrorKind.Runtime, string.Empty, message)
    {
    }

    public ExpressionException(string message, Exception innerException)
        : this(ExpressionErrorKind.Runtime, string.Empty, message, innerException)
    {
    }

    public ExpressionException(ExpressionErrorKind kind, string expression, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Expression = expression;
    }

    public ExpressionErrorKind Kind { get; }

    /// <summary>The expression text as written by the workflow author.</summary>
    public string Expression { get; }
}
