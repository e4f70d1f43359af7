// 技能大赛奖励核算表: the reward table of a competition-rewards case (its variable "rewards"), every line with the
// rule it was priced by, and the totals overall and per person, as a workbook, a page to print and sign, or JSON for
// the case page's 奖励明细.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Cases;
using Approvals.Host.Requests;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Rewards;
using FluentValidation;
using Mediator;
using static Approvals.Host.Features.Exports.VariableValues;

namespace Approvals.Host.Features.Exports;

public sealed record ExportRewardTable(InstanceId CaseId, string? Format) : IApiQuery;

internal sealed class ExportRewardTableValidator : AbstractValidator<ExportRewardTable>
{
    public ExportRewardTableValidator() =>
        RuleFor(q => q.Format).Must(f => ExportFormats.IsTableFormat(f) || f == ExportFormats.Json)
            .WithMessage("导出格式（format）应为 xlsx（电子表格）、print（打印页）或 json（数据）。");
}

/// <summary>The reward table as the case page shows it: the lines as calculated, the totals overall and per person.</summary>
public sealed record RewardTableView(IReadOnlyList<RewardLineView> Lines, decimal Overall, IReadOnlyList<RewardPersonTotal> ByPerson);

public sealed record RewardLineView(
    string Person, string Role, string Event, string Level, int Rank, string RankName, string Organiser, int? Year, decimal Amount, string Rule,
    string? Excluded);

public sealed record RewardPersonTotal(string Person, decimal Amount);

/// <summary>One line of the calculation as the calculator wrote it.</summary>
internal sealed record RewardRow(
    string Person, string Role, string Event, string Level, int Rank, string Organiser, int? Year, decimal Amount, string Rule, string? Excluded)
{
    public string RankName => RewardCalculator.RankName(Rank);
}

internal sealed record RewardSheet(IReadOnlyList<RewardRow> Lines, decimal Overall, IReadOnlyList<(string Person, decimal Amount)> ByPerson)
{
    public const string Variable = "rewards";

    /// <summary>The variable's lines and totals; null when the case has no calculation (not a reward case, or not yet).</summary>
    public static RewardSheet? Read(JsonObject variables)
    {
        if (variables[Variable] is not JsonObject rewards || rewards["lines"] is not JsonArray lines)
        {
            return null;
        }

        var rows = lines.OfType<JsonObject>().Select(l => new RewardRow(
            Text(l["person"]), Text(l["role"]), Text(l["event"]), Text(l["level"]), Whole(l["rank"]) ?? 0, Text(l["organiser"]),
            Whole(l["year"]), Number(l["amount"]) ?? 0, Text(l["rule"]),
            OptionalText(l["excluded"]))).ToList();
        var totals = rewards["totals"] as JsonObject;
        var byPerson = totals?["byPerson"] is JsonObject people
            ? people.Select(p => (p.Key, Number(p.Value) ?? 0)).ToList()
            : rows.GroupBy(r => r.Person, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(r => r.Amount))).ToList();
        return new RewardSheet(rows, Number(totals?["overall"]) ?? rows.Sum(r => r.Amount), byPerson);
    }

}

internal sealed class ExportRewardTableHandler(WorkflowDatabase database, CaseExports exports) : IQueryHandler<ExportRewardTable, IResult>
{
    private const string Title = "技能大赛获奖奖励核算表";

    private static readonly string[] LineColumns =
        ["序号", "姓名", "身份", "赛项", "竞赛级别", "获奖等次", "获奖年度", "举办单位类型", "奖励金额（元）", "核算依据", "不予奖励原因"];

    private static readonly string[] PersonColumns = ["序号", "姓名", "奖励金额（元）"];

    public async ValueTask<IResult> Handle(ExportRewardTable query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var (exported, problem) = await exports.LoadAsync(db, query.CaseId, cancellationToken);
        if (exported is null)
        {
            return problem!;
        }

        if (RewardSheet.Read(exported.Variables) is not { } sheet)
        {
            return ApiProblems.NotFound("该案件没有奖励核算结果，无法导出奖励核算表。");
        }

        return query.Format switch
        {
            ExportFormats.Print => new PrintPageResult(Page(exported, sheet)),
            ExportFormats.Json => Results.Ok(View(sheet)),
            _ => Workbook.Download(Sheets(sheet), ExportFormats.FileName("技能大赛奖励核算表", exported.Instance.Title, exported.Issued, ExportFormats.Xlsx)),
        };
    }

    private static RewardTableView View(RewardSheet sheet) => new(
        [.. sheet.Lines.Select(l => new RewardLineView(l.Person, l.Role, l.Event, l.Level, l.Rank, l.RankName, l.Organiser, l.Year, l.Amount, l.Rule, l.Excluded))],
        sheet.Overall,
        [.. sheet.ByPerson.Select(p => new RewardPersonTotal(p.Person, p.Amount))]);

    private static List<Sheet> Sheets(RewardSheet sheet)
    {
        var lines = sheet.Lines.Select((l, i) => (IReadOnlyList<object?>)
                [i + 1, l.Person, l.Role, l.Event, l.Level, l.RankName, l.Year, l.Organiser, l.Amount, l.Rule, l.Excluded ?? ""])
            .Append(["合计", "", "", "", "", "", null, "", sheet.Overall, "", ""]).ToList();
        var people = sheet.ByPerson.Select((p, i) => (IReadOnlyList<object?>)[i + 1, p.Person, p.Amount])
            .Append(["合计", "", sheet.Overall]).ToList();
        return [new Sheet("奖励明细", LineColumns, lines), new Sheet("按人汇总", PersonColumns, people)];
    }

    private static PrintPage Page(ExportedCase exported, RewardSheet sheet)
    {
        var lines = sheet.Lines.Select((l, i) => (IReadOnlyList<string>)
        [
            ExportFormats.Count(i + 1), l.Person, l.Role, l.Event, l.Level, l.RankName, l.Year is { } y ? ExportFormats.Count(y) : "", l.Organiser,
            ExportFormats.Yuan(l.Amount), l.Rule, l.Excluded ?? "",
        ]).ToList();
        var people = sheet.ByPerson.Select((p, i) => (IReadOnlyList<string>)[ExportFormats.Count(i + 1), p.Person, ExportFormats.Yuan(p.Amount)]).ToList();
        return new PrintPage(
            Title,
            [
                ("案件", exported.Instance.Title), ("申报单位", exported.ApplicantOrgName), ("办理状态", CaseLabels.Status(exported.Instance.Status)),
                ("制表单位", exported.CallerOrgName), ("制表日期", exported.IssuedText),
            ],
            [
                new PrintTable("奖励明细", LineColumns, lines, [["合计", "", "", "", "", "", "", "", ExportFormats.Yuan(sheet.Overall), "", ""]],
                    new HashSet<int> { 0, 6, 8 }),
                new PrintTable("按人汇总", PersonColumns, people, [["合计", "", ExportFormats.Yuan(sheet.Overall)]], new HashSet<int> { 0, 2 }),
                new PrintSignatures(["制表人", "审核人", "单位（盖章）"]),
            ]);
    }
}
