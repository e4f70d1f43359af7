// The pipeline every request goes through: logging → validation → unit of work.
using System.Diagnostics;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Requests;

public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, CurrentUser user)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var status = response is IStatusCodeHttpResult { StatusCode: { } code } ? code : 200;
            var request = typeof(TMessage).Name;
            var caller = user.UserName;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogHandled(logger, request, caller, status, elapsed);
        }
        return response;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "请求 {Request} 由 {User} 发出，结果 {Status}，用时 {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string request, string user, int status, double elapsedMs);
}

/// <summary>Runs the request's FluentValidation validators; failures answer 400 with every field's Chinese message.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count == 0)
        {
            return await next(message, cancellationToken);
        }

        var errors = failures
            .GroupBy(f => JsonName(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        return (TResponse)ApiProblems.Validation(errors);
    }

    /// <summary>"Form.MajorName" → "form.majorName": the names the client sent.</summary>
    private static string JsonName(string property) =>
        string.Join('.', property.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

/// <summary>A command's host-side changes are saved together once its handler succeeds, or not at all.</summary>
public sealed class UnitOfWorkBehaviour<TMessage, TResponse>(ApprovalsDb db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);
        if (message is IApiCommand && response is IResult result && ApiProblems.IsSuccess(result) && db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return response;
    }
}
