// The designer's syntax check of one expression as it is typed: parsed, never run.
using Approvals.Host.Requests;
using Approvals.Workflows.Expressions;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Definitions;

public sealed record CheckExpression(string? Expression) : IApiQuery;

/// <summary>Error: the parser's Chinese message with line and column, absent when the expression parses.</summary>
public sealed record ExpressionCheck(bool Valid, string? Error);

internal sealed class CheckExpressionValidator : AbstractValidator<CheckExpression>
{
    /// <summary>A condition is a line or a few; this bounds what one request makes the parser read.</summary>
    public const int MaxLength = 10_000;

    public CheckExpressionValidator() =>
        RuleFor(c => c.Expression)
            .NotEmpty().WithMessage("请填写表达式。")
            .MaximumLength(MaxLength).WithMessage($"表达式不能超过 {MaxLength} 个字符。");
}

internal sealed class CheckExpressionHandler : IQueryHandler<CheckExpression, IResult>
{
    public ValueTask<IResult> Handle(CheckExpression query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Results.Ok(ExpressionEvaluator.CheckSyntax(query.Expression!) is { } error
            ? new ExpressionCheck(false, error)
            : new ExpressionCheck(true, null)));
}
