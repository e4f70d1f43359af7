// An administrator adds an entry to a reference list, renames it, moves it or retires it (an entry is never deleted:
// cases that chose it keep pointing at it). Each change is in the audit log with the old and new values.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.ReferenceData;

public sealed record SaveReferenceItem(string ListId, string Code, string? Name, int? SortOrder, bool? Active) : IApiCommand
{
    public sealed record Body(string? Name, int? SortOrder, bool? Active);
}

internal sealed class SaveReferenceItemValidator : AbstractValidator<SaveReferenceItem>
{
    public SaveReferenceItemValidator()
    {
        RuleFor(c => c.Code).NotEmpty().MaximumLength(32).Matches("^[0-9A-Za-z-]+$").WithName("编号")
            .WithMessage("“编号”只能由数字、字母和连字符组成，不超过 32 个字符。");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).WithName("名称");
        RuleFor(c => c.SortOrder).InclusiveBetween(0, 1_000_000).WithName("排序");
    }
}

internal sealed class SaveReferenceItemHandler(WorkflowDatabase database, ApprovalsDb appDb, CurrentUser user, TimeProvider clock)
    : ICommandHandler<SaveReferenceItem, IResult>
{
    public async ValueTask<IResult> Handle(SaveReferenceItem command, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var list = await db.ReferenceLists.FirstOrDefaultAsync(l => l.Id == command.ListId, cancellationToken);
        if (list is null)
        {
            return ApiProblems.NotFound($"没有名为“{command.ListId}”的参考目录。");
        }

        var item = await db.ReferenceItems.FirstOrDefaultAsync(i => i.ListId == list.Id && i.Code == command.Code, cancellationToken);
        var before = item is null ? null : new JsonObject { ["name"] = item.Name, ["sortOrder"] = item.SortOrder, ["active"] = item.Active };
        if (item is null)
        {
            var last = await db.ReferenceItems.Where(i => i.ListId == list.Id).MaxAsync(i => (int?)i.SortOrder, cancellationToken) ?? 0;
            item = new ReferenceItem { ListId = list.Id, Code = command.Code, Name = command.Name!.Trim(), SortOrder = last + 10 };
            db.ReferenceItems.Add(item);
        }

        item.Name = command.Name!.Trim();
        item.SortOrder = command.SortOrder ?? item.SortOrder;
        item.Active = command.Active ?? item.Active;
        var now = clock.GetUtcNow().UtcDateTime;
        list.UpdatedAt = now;
        list.UpdatedBy = user.Id;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return ApiProblems.Conflict($"“{command.Code}”刚被其他管理员添加，请刷新后再修改。");
        }

        appDb.Audit.Add(new AuditEntry
        {
            At = now, UserId = user.Id, Action = before is null ? "reference-item-added" : "reference-item-changed",
            Target = $"{list.Id}/{item.Code}",
            Data = new JsonObject
            {
                ["before"] = before, ["after"] = new JsonObject { ["name"] = item.Name, ["sortOrder"] = item.SortOrder, ["active"] = item.Active },
            }.ToJsonString(),
        });
        var view = GetReferenceListHandler.View(item);
        return before is null ? Results.Created($"/api/reference-lists/{list.Id}", view) : Results.Ok(view);
    }
}
