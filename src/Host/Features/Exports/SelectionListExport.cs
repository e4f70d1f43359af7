// 遴选结果名单: the ranking of a selection batch (its variable "selection") with the totals of applications and
// selections overall and per city, as a workbook or a page to print.
using Approvals.Host.Features.Cases;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Exports;

public sealed record ExportSelectionList(InstanceId CaseId, string? Format) : IApiQuery;

internal sealed class ExportSelectionListValidator : AbstractValidator<ExportSelectionList>
{
    public ExportSelectionListValidator() =>
        RuleFor(q => q.Format).Must(ExportFormats.IsTableFormat).WithMessage(ExportFormats.TableFormatMessage);
}

internal sealed class ExportSelectionListHandler(WorkflowDatabase database, CaseExports exports) : IQueryHandler<ExportSelectionList, IResult>
{
    private static readonly string[] EntryColumns = ["排名", "申报单位", "所在盟市", "申报项目", "评审得分", "遴选结果", "备注"];

    private static readonly string[] CityColumns = ["盟市", "申报数", "入选数"];

    public async ValueTask<IResult> Handle(ExportSelectionList query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var (exported, problem) = await exports.LoadAsync(db, query.CaseId, cancellationToken);
        if (exported is null)
        {
            return problem!;
        }

        if (SelectionResult.Read(exported.Variables) is not { } selection)
        {
            return ApiProblems.NotFound("该案件还没有遴选结果，无法导出名单。");
        }

        return query.Format == ExportFormats.Print
            ? new PrintPageResult(Page(exported, selection))
            : Workbook.Download(Sheets(selection), ExportFormats.FileName("遴选结果名单", exported.Instance.Title, exported.Issued, ExportFormats.Xlsx));
    }

    private static string Summary(SelectionResult selection) => $"共 {selection.Entries.Count} 项，入选 {selection.Selected.Count} 项";

    private static List<Sheet> Sheets(SelectionResult selection)
    {
        var entries = selection.Entries
            .Select(e => (IReadOnlyList<object?>)[e.Rank, e.OrgName, e.CityName, e.Title, e.Score, e.SelectedText, e.Note ?? ""])
            .Append(["合计", Summary(selection), "", "", null, "", ""]).ToList();
        var cities = selection.ByCity.Select(c => (IReadOnlyList<object?>)[c.CityName, c.Applications, c.Selected])
            .Append(["合计", selection.Entries.Count, selection.Selected.Count]).ToList();
        return [new Sheet("遴选名单", EntryColumns, entries), new Sheet("按盟市汇总", CityColumns, cities)];
    }

    private static PrintPage Page(ExportedCase exported, SelectionResult selection)
    {
        var entries = selection.Entries.Select(e => (IReadOnlyList<string>)
            [ExportFormats.Count(e.Rank), e.OrgName, e.CityName, e.Title, e.ScoreText, e.SelectedText, e.Note ?? ""]).ToList();
        var cities = selection.ByCity.Select(c => (IReadOnlyList<string>)[c.CityName, ExportFormats.Count(c.Applications), ExportFormats.Count(c.Selected)]).ToList();
        return new PrintPage(
            $"{exported.Instance.Title}遴选结果名单",
            [
                ("发布单位", exported.ApplicantOrgName), ("办理状态", CaseLabels.Status(exported.Instance.Status)),
                ("制表单位", exported.CallerOrgName), ("制表日期", exported.IssuedText),
            ],
            [
                new PrintTable("遴选名单", EntryColumns, entries, [["合计", Summary(selection), "", "", "", "", ""]], new HashSet<int> { 0, 4 }),
                new PrintTable("按盟市汇总", CityColumns, cities,
                    [["合计", ExportFormats.Count(selection.Entries.Count), ExportFormats.Count(selection.Selected.Count)]], new HashSet<int> { 1, 2 }),
            ]);
    }
}
