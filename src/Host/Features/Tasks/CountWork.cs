// The counts on the work-list tabs.
using Approvals.Host.Features.Organizations;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Tasks;

public sealed record CountWork : IApiQuery;

internal sealed class CountWorkHandler(WorkflowDatabase database, CaseScope scope, ApprovalsDb appDb, TimeProvider clock)
    : IQueryHandler<CountWork, IResult>
{
    public async ValueTask<IResult> Handle(CountWork query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var me = scope.User.Id;
        return Results.Ok(new Dictionary<string, int>
        {
            [WorkLists.Todo] = await scope.ActionableTasks(db).CountAsync(cancellationToken),
            [WorkLists.Done] = await db.HumanTasks.CountAsync(t => t.CompletedBy == me && t.Status == HumanTaskStatus.Completed, cancellationToken),
            [WorkLists.Mine] = await db.Instances.CountAsync(i => i.InitiatorUserId == me, cancellationToken),
            [WorkLists.Copied] = await appDb.CaseCopies.CountAsync(c => c.UserId == me, cancellationToken),
            [WorkLists.Overdue] = await scope.OverdueTasks(db, clock.GetUtcNow().UtcDateTime).CountAsync(cancellationToken),
        });
    }
}
