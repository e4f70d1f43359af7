// 专业名单: the majors of a school as the school majors registry lists them (开设中, 预警中, 已退出), with the count of
// each, as a workbook or a page to print. Who may see a school's majors is the registry's own query's answer.
using System.Globalization;
using Approvals.Host.Features.Majors;
using Approvals.Host.Requests;
using Approvals.Workflows.Calendar;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Exports;

public sealed record ExportSchoolMajors(string OrgId, string? Format) : IApiQuery;

internal sealed class ExportSchoolMajorsValidator : AbstractValidator<ExportSchoolMajors>
{
    public ExportSchoolMajorsValidator() =>
        RuleFor(q => q.Format).Must(ExportFormats.IsTableFormat).WithMessage(ExportFormats.TableFormatMessage);
}

internal sealed class ExportSchoolMajorsHandler(ISender sender, CaseExports exports) : IQueryHandler<ExportSchoolMajors, IResult>
{
    private static readonly string[] MajorColumns = ["序号", "专业代码", "专业名称", "状态", "备案日期", "最近变更日期"];

    private static readonly string[] StatusColumns = ["状态", "专业数"];

    private static readonly string[] Statuses = [SchoolMajors.Active, SchoolMajors.Warning, SchoolMajors.Withdrawn];

    public async ValueTask<IResult> Handle(ExportSchoolMajors query, CancellationToken cancellationToken)
    {
        var listed = await sender.Send(new ListSchoolMajors(query.OrgId), cancellationToken);
        if (listed is not IValueHttpResult<SchoolMajorsView> { Value: { } majors })
        {
            // Not the caller's to see: the registry's own 404.
            return listed;
        }

        var (callerOrgName, issued) = await exports.IssuerAsync(cancellationToken);
        return query.Format == ExportFormats.Print
            ? new PrintPageResult(Page(majors, callerOrgName, issued))
            : Workbook.Download(Sheets(majors), ExportFormats.FileName("专业名单", majors.OrgName, issued, ExportFormats.Xlsx));
    }

    private static string Summary(SchoolMajorsView majors) =>
        $"共 {majors.Items.Count} 个专业：" + string.Join("，", Statuses.Select(s => $"{Registers.SchoolMajors.StatusName(s)} {majors.Items.Count(m => m.Status == s)} 个"));

    private static List<Sheet> Sheets(SchoolMajorsView majors)
    {
        var rows = majors.Items.Select((m, i) => (IReadOnlyList<object?>)[i + 1, m.Code, m.Name, m.StatusName, Date(m.FiledAt), Date(m.UpdatedAt)])
            .Append(["合计", Summary(majors), "", "", "", ""]).ToList();
        var statuses = Statuses.Select(s => (IReadOnlyList<object?>)[Registers.SchoolMajors.StatusName(s), majors.Items.Count(m => m.Status == s)])
            .Append(["合计", majors.Items.Count]).ToList();
        return [new Sheet("专业名单", MajorColumns, rows), new Sheet("按状态汇总", StatusColumns, statuses)];
    }

    private static PrintPage Page(SchoolMajorsView majors, string callerOrgName, DateOnly issued)
    {
        var rows = majors.Items.Select((m, i) => (IReadOnlyList<string>)
            [ExportFormats.Count(i + 1), m.Code, m.Name, m.StatusName, Date(m.FiledAt), Date(m.UpdatedAt)]).ToList();
        var statuses = Statuses.Select(s => (IReadOnlyList<string>)
            [Registers.SchoolMajors.StatusName(s), ExportFormats.Count(majors.Items.Count(m => m.Status == s))]).ToList();
        return new PrintPage(
            $"{majors.OrgName}专业名单",
            [("学校", majors.OrgName), ("制表单位", callerOrgName), ("制表日期", ExportFormats.ChineseDate(issued))],
            [
                new PrintTable("专业名单", MajorColumns, rows, [["合计", Summary(majors), "", "", "", ""]], new HashSet<int> { 0 }),
                new PrintTable("按状态汇总", StatusColumns, statuses, [["合计", ExportFormats.Count(majors.Items.Count)]], new HashSet<int> { 1 }),
            ]);
    }

    /// <summary>The registry keeps UTC instants; a bureau reads the Beijing date.</summary>
    private static string Date(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(WorkingDayCalendar.ChinaOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
