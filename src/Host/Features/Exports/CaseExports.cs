// What every export starts from: the case, only if the caller can see it (CaseScope) or, for the notice text, while
// it is on notice to them (NoticeBoard); its variables, and the names and date its header shows.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Cases;
using Approvals.Host.Features.Organizations;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Exports;

/// <summary>A case as an export reads it; <see cref="CallerOrgName"/> is the organisation printing or filing it (制表单位).</summary>
internal sealed record ExportedCase(WorkflowInstance Instance, JsonObject Variables, string ApplicantOrgName, string CallerOrgName, DateOnly Issued)
{
    public string IssuedText => ExportFormats.ChineseDate(Issued);
}

internal sealed class CaseExports(CaseScope scope, NoticeBoard notices, Names names, TimeProvider clock)
{
    /// <summary>The case to export; <paramref name="publicWhileOnNotice"/> also lets in a case on notice to the caller (its notice text is public).</summary>
    public async Task<(ExportedCase? Case, IResult? Problem)> LoadAsync(
        WorkflowDbContext db, InstanceId caseId, CancellationToken cancellationToken, bool publicWhileOnNotice = false)
    {
        var (instance, problem) = await scope.CaseToActOnAsync(db, caseId, cancellationToken);
        if (instance is null && publicWhileOnNotice && await notices.IsOnNoticeAsync(db, caseId, cancellationToken))
        {
            instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == caseId, cancellationToken);
        }

        if (instance is null)
        {
            return (null, problem);
        }

        var orgs = await names.OrganizationsAsync([instance.InitiatorOrgId, scope.User.OrgId], cancellationToken);
        var variables = JsonNode.Parse(instance.Variables) as JsonObject ?? [];
        return (new ExportedCase(
            instance, variables,
            instance.InitiatorOrgId is { } applicant ? orgs.GetValueOrDefault(applicant, applicant) : "",
            orgs.GetValueOrDefault(scope.User.OrgId, scope.User.OrgId),
            ExportFormats.Today(clock)), null);
    }

    /// <summary>Who prints or files an export that is not of one case (制表单位), and today's date.</summary>
    public async Task<(string CallerOrgName, DateOnly Issued)> IssuerAsync(CancellationToken cancellationToken)
    {
        var orgs = await names.OrganizationsAsync([scope.User.OrgId], cancellationToken);
        return (orgs.GetValueOrDefault(scope.User.OrgId, scope.User.OrgId), ExportFormats.Today(clock));
    }
}
