// 公示 is public: a case waiting at a public-notice step is shown to everyone in the area of the organisation that
// issued it (the province's notice to the whole region, a city's to its city), besides those who may see the case.
// The notice list and the notice text read that here; everything else about the case stays behind CaseScope.
using Approvals.Host.Features.Organizations;
using Approvals.Host.Persistence;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Cases;

public sealed class NoticeBoard(CaseScope scope, ApprovalsDb appDb)
{
    /// <summary>Cases on notice now (公示期内, or paused by an objection) that the caller may read the notice of.</summary>
    public async Task<IQueryable<WorkflowInstance>> OnNoticeAsync(WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var path = await appDb.Organizations.AsNoTracking().Where(o => o.Id == scope.User.OrgId).Select(o => o.Path).FirstOrDefaultAsync(cancellationToken);
        var issuers = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var visible = await scope.CasesAsync(db, cancellationToken);
        return db.Instances.AsNoTracking().Where(i =>
            i.Status == InstanceStatus.Suspended
            && db.Bookmarks.Any(b => b.InstanceId == i.Id && b.Kind == PublicNotice.ObjectionBookmark)
            && (issuers.Contains(i.InitiatorOrgId!) || visible.Any(v => v.Id == i.Id)));
    }

    public async Task<bool> IsOnNoticeAsync(WorkflowDbContext db, InstanceId caseId, CancellationToken cancellationToken) =>
        await (await OnNoticeAsync(db, cancellationToken)).AnyAsync(i => i.Id == caseId, cancellationToken);
}
