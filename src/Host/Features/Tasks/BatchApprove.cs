// 批量同意: each task is its own decision and transaction, so one that fails (taken by someone else) does not stop the rest.
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Tasks;

public sealed record BatchApprove(IReadOnlyList<Guid> TaskIds, string? Comment) : IApiCommand;

public sealed record BatchItemResult(string TaskId, int Status, string? Message);

internal sealed class BatchApproveValidator : AbstractValidator<BatchApprove>
{
    public BatchApproveValidator()
    {
        RuleFor(b => b.TaskIds).Cascade(CascadeMode.Stop).NotEmpty().WithName("待办").Must(ids => ids.Count <= 100).WithMessage("一次最多批量处理 100 条待办。");
        RuleFor(b => b.Comment).MaximumLength(2000).WithName("意见");
    }
}

internal sealed class BatchApproveHandler(ISender sender) : ICommandHandler<BatchApprove, IResult>
{
    public async ValueTask<IResult> Handle(BatchApprove command, CancellationToken cancellationToken)
    {
        var results = new List<BatchItemResult>();
        foreach (var id in command.TaskIds.Distinct())
        {
            var result = await sender.Send(new DecideTask(new TaskId(id), "approve", command.Comment, null, null), cancellationToken);
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : 200;
            var message = result is IValueHttpResult { Value: Microsoft.AspNetCore.Mvc.ProblemDetails problem } ? problem.Detail : null;
            results.Add(new BatchItemResult(id.ToString(), status, message));
        }

        return Results.Ok(new { succeeded = results.Count(r => r.Status < 400), failed = results.Count(r => r.Status >= 400), results });
    }
}
