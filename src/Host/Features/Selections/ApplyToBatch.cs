// A school's application to a batch (申报), and the same check without applying, for the form while it is filled:
// the batch's window checks the school's quota, the majors list and the form, and refuses with the field at fault.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Requests;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Selections;

public sealed record ApplyToBatch(InstanceId BatchId, JsonObject? Form) : IApiCommand;

public sealed record CheckApplication(InstanceId BatchId, JsonObject? Form) : IApiCommand;

internal sealed class ApplyToBatchValidator : AbstractValidator<ApplyToBatch>
{
    public ApplyToBatchValidator() => RuleFor(a => a.Form).NotNull().WithMessage("请填写申报表。");
}

internal sealed class CheckApplicationValidator : AbstractValidator<CheckApplication>
{
    public CheckApplicationValidator() => RuleFor(a => a.Form).NotNull().WithMessage("请填写申报表。");
}

internal sealed class ApplyToBatchHandler(WorkflowRuntime runtime, BatchWindow window)
    : ICommandHandler<ApplyToBatch, IResult>
{
    public async ValueTask<IResult> Handle(ApplyToBatch command, CancellationToken cancellationToken)
    {
        if (window.Refuse() is { } forbidden)
        {
            return forbidden;
        }

        var result = await runtime.SignalAsync(command.BatchId, window.Application(command.Form!), cancellationToken);
        if (!result.Succeeded)
        {
            return await window.RefusedAsync(command.BatchId, result, cancellationToken);
        }

        var caseId = await window.LastApplicationAsync(command.BatchId, cancellationToken);
        return Results.Created($"/api/cases/{caseId}", new { id = caseId, batchId = command.BatchId.ToString(), message = "申报已提交，待盟市人社局审核推荐。" });
    }
}

internal sealed class CheckApplicationHandler(WorkflowRuntime runtime, BatchWindow window)
    : ICommandHandler<CheckApplication, IResult>
{
    public async ValueTask<IResult> Handle(CheckApplication command, CancellationToken cancellationToken)
    {
        if (window.Refuse() is { } forbidden)
        {
            return forbidden;
        }

        var result = await runtime.CheckSignalAsync(command.BatchId, window.Application(command.Form!), cancellationToken);
        return result.Succeeded
            ? Results.Ok(new { valid = true, message = "申报表填写无误，可以提交。" })
            : await window.RefusedAsync(command.BatchId, result, cancellationToken);
    }
}

/// <summary>What applying and checking share: who may apply, the signal they bring, and how a refusal reads.</summary>
internal sealed class BatchWindow(WorkflowDatabase database, CaseScope scope, CurrentUser user)
{
    public IResult? Refuse() => user.IsInRole(Roles.SchoolApplicant) ? null : ApiProblems.Forbidden("只有学校经办人可以申报。");

    public Signal Application(JsonObject form) => new(
        ApplicationWindow.ApplicationSignal, new JsonObject { ["orgId"] = user.OrgId, ["form"] = form.DeepClone() }, user.Id)
    {
        NotWaiting = "本批次不在申报期内（尚未开始或已经截止），不能申报。",
    };

    /// <summary>No batch by that id, and a case that is no batch, answer in the same words.</summary>
    private const string NoBatch = "申报批次不存在或不在申报期内。";

    /// <summary>
    /// A batch's window is public, so a closed one says so; no case, and a case that never had a window and that the
    /// caller cannot see, answer 404 alike, so applying cannot be used to learn which cases exist.
    /// </summary>
    public async Task<IResult> RefusedAsync(InstanceId batchId, RunResult result, CancellationToken cancellationToken)
    {
        if (result.Status == RunStatus.NotFound)
        {
            return ApiProblems.NotFound(NoBatch);
        }

        if (result.Status != RunStatus.Conflict)
        {
            return ApiProblems.FromRun(result.Status == RunStatus.Invalid && result.Errors is { Count: 1 } one
                ? result with { Error = one.Values.Single()[0] }
                : result);
        }

        await using var db = database.CreateContext();
        var isBatch = await db.Journal.AnyAsync(j => j.InstanceId == batchId && j.Kind == ApplicationWindow.OpenedEntry, cancellationToken);
        return isBatch || await scope.CanSeeCaseAsync(db, batchId, cancellationToken)
            ? ApiProblems.FromRun(result)
            : ApiProblems.NotFound(NoBatch);
    }

    /// <summary>The case the caller's application just became, as the window journaled it.</summary>
    public async Task<string> LastApplicationAsync(InstanceId batchId, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var me = user.Id;
        var data = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == batchId && j.Kind == ApplicationWindow.ReceivedEntry && j.Actor == me)
            .OrderByDescending(j => j.Sequence).Select(j => j.Data).FirstAsync(cancellationToken);
        return JsonNode.Parse(data)!["caseId"]!.GetValue<string>();
    }
}
