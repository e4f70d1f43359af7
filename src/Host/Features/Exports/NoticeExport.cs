// The notice text of a selection batch (公示 of the result, 公告 of the list) from a Liquid template: the shipped one
// of its kind, or a template a bureau drafts (previewed, never stored). As plain text to paste into a document, or as
// a print page in the style of an official document.
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approvals.Host.Requests;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using static Approvals.Host.Features.Exports.VariableValues;

namespace Approvals.Host.Features.Exports;

/// <summary>The choices every notice export takes: the output, and the 公示期 and objection office the text names.</summary>
public interface INoticeOptions
{
    /// <summary>text (default) or print.</summary>
    string? Format { get; }

    /// <summary>Working days of 公示 before it has started (default 5); once started, the case's own period and dates are used.</summary>
    int? Days { get; }

    /// <summary>Where objections go; by default the batch's issuing office.</summary>
    string? Contact { get; }
}

/// <summary>The shipped template of a kind: notice (公示, the default) or announcement (公告).</summary>
public sealed record ExportNotice(InstanceId CaseId, string? Kind, string? Format, int? Days, string? Contact) : IApiQuery, INoticeOptions;

/// <summary>A drafted template rendered on the case's data; it changes nothing and is not kept.</summary>
public sealed record PreviewNotice(InstanceId CaseId, string? Template, string? Format, int? Days, string? Contact) : IApiQuery, INoticeOptions;

internal sealed class NoticeOptionsValidator : AbstractValidator<INoticeOptions>
{
    public const int DefaultDays = 5;

    public NoticeOptionsValidator()
    {
        RuleFor(q => q.Format).Must(f => f is null or ExportFormats.Text or ExportFormats.Print)
            .WithMessage("导出格式（format）应为 text（纯文本）或 print（打印页）。");
        RuleFor(q => q.Days).InclusiveBetween(1, 365).WithMessage("公示天数（days）应为 1 到 365 之间的工作日数。");
        RuleFor(q => q.Contact).MaximumLength(200).WithMessage("异议受理单位（contact）不能超过 200 个字。");
    }
}

internal sealed class ExportNoticeValidator : AbstractValidator<ExportNotice>
{
    public ExportNoticeValidator()
    {
        RuleFor(q => q.Kind).Must(k => k is null || NoticeTemplates.KindNames.ContainsKey(k))
            .WithMessage("文本类型（kind）应为 notice（公示）或 announcement（公告）。");
        Include(new NoticeOptionsValidator());
    }
}

internal sealed class PreviewNoticeValidator : AbstractValidator<PreviewNotice>
{
    public const int MaxTemplateLength = 20_000;

    public PreviewNoticeValidator()
    {
        RuleFor(q => q.Template).NotEmpty().WithMessage("请填写模板（template）。")
            .MaximumLength(MaxTemplateLength).WithMessage($"模板（template）不能超过 {MaxTemplateLength} 个字符。");
        Include(new NoticeOptionsValidator());
    }
}

/// <summary>The data every notice template gets: the batch, its selected entries, the 公示期, the issuer and the date.</summary>
internal sealed class NoticeComposer(WorkflowDatabase database, CaseExports exports, CalendarSource calendars, TimeProvider clock)
{
    /// <summary>The notice's data; <paramref name="publicWhileOnNotice"/> lets in a case on notice to the caller they cannot otherwise see.</summary>
    public async Task<(NoticeModel? Model, IResult? Problem)> ComposeAsync(
        InstanceId caseId, INoticeOptions choices, CancellationToken cancellationToken, bool publicWhileOnNotice = false)
    {
        await using var db = database.CreateContext();
        var (exported, problem) = await exports.LoadAsync(db, caseId, cancellationToken, publicWhileOnNotice);
        if (exported is null)
        {
            return (null, problem);
        }

        if (SelectionResult.Read(exported.Variables) is not { } selection)
        {
            return (null, ApiProblems.NotFound("该案件还没有遴选结果，无法生成公示或公告。"));
        }

        var period = await PeriodAsync(db, caseId, choices.Days ?? NoticeOptionsValidator.DefaultDays, cancellationToken);
        var items = selection.Selected.Select((e, i) => new NoticeItem(i + 1, e.Rank, e.OrgName, e.CityName, e.Title, e.ScoreText, e.Note ?? "")).ToList();
        var issuer = exported.ApplicantOrgName;
        return (new NoticeModel(
            new NoticeBatch(exported.Instance.Title, exported.Instance.Id.ToString()), items, period,
            string.IsNullOrWhiteSpace(choices.Contact) ? issuer : choices.Contact.Trim(), issuer, exported.IssuedText), null);
    }

    /// <summary>The latest 公示 of the case as journaled (started, and moved by any pause); else the days from now.</summary>
    private async Task<NoticePeriod> PeriodAsync(WorkflowDbContext db, InstanceId caseId, int days, CancellationToken cancellationToken)
    {
        var entries = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == caseId && (j.Kind == "notice-started" || j.Kind == "notice-resumed"))
            .OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var started = entries.FindLastIndex(e => e.Kind == "notice-started");
        if (started >= 0)
        {
            var data = JsonNode.Parse(entries[started].Data);
            var end = entries.Skip(started).Select(e => JsonNode.Parse(e.Data)?["dueAt"]).Last();
            if (Whole(data?["days"]) is { } noticeDays && DateTimeOffset.TryParse(Text(end), CultureInfo.InvariantCulture, out var dueAt))
            {
                return new NoticePeriod(noticeDays, Date(new DateTimeOffset(entries[started].At, TimeSpan.Zero)), Date(dueAt), Held: true);
            }
        }

        var now = clock.GetUtcNow();
        var calendar = await calendars.GetAsync(db, cancellationToken);
        return new NoticePeriod(days, Date(now), Date(calendar.AddWorkingDays(now, days)), Held: false);
    }

    private static string Date(DateTimeOffset instant) =>
        ExportFormats.ChineseDate(DateOnly.FromDateTime(instant.ToOffset(WorkingDayCalendar.ChinaOffset).DateTime));
}

internal sealed partial class NoticeTextHandler(NoticeComposer composer, NoticeTemplates templates)
    : IQueryHandler<ExportNotice, IResult>, IQueryHandler<PreviewNotice, IResult>
{
    public async ValueTask<IResult> Handle(ExportNotice query, CancellationToken cancellationToken)
    {
        // The shipped text is what is published: whoever the notice is open to may read it. A draft is the bureau's own.
        var (model, problem) = await composer.ComposeAsync(query.CaseId, query, cancellationToken, publicWhileOnNotice: true);
        if (model is null)
        {
            return problem!;
        }

        return Answer(await templates.RenderShippedAsync(query.Kind ?? NoticeTemplates.Notice, model), query.Format);
    }

    public async ValueTask<IResult> Handle(PreviewNotice query, CancellationToken cancellationToken)
    {
        var (model, problem) = await composer.ComposeAsync(query.CaseId, query, cancellationToken);
        if (model is null)
        {
            return problem!;
        }

        return Answer(await templates.RenderDraftAsync(query.Template!, model), query.Format);
    }

    private static IResult Answer(NoticeRendering rendering, string? format)
    {
        if (rendering.Text is not { } text)
        {
            return ApiProblems.Validation("template", rendering.Error!);
        }

        return format == ExportFormats.Print
            ? new PrintPageResult(Page(text))
            : Results.Text(text, "text/plain", Encoding.UTF8);
    }

    /// <summary>The template's layout: the first paragraph is the title, the last the closing lines, each line between a paragraph.</summary>
    private static PrintPage Page(string text)
    {
        var paragraphs = BlankLine().Split(text.ReplaceLineEndings("\n"))
            .Select(p => p.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList())
            .Where(p => p.Count > 0).ToList();
        var title = string.Concat(paragraphs[0]);
        var closing = paragraphs.Count > 2 ? paragraphs[^1] : [];
        var body = paragraphs.Skip(1).Take(paragraphs.Count - 1 - (closing.Count > 0 ? 1 : 0)).SelectMany(p => p).ToList();
        return new PrintPage(title, [], closing.Count > 0 ? [new PrintParagraphs(body), new PrintClosing(closing)] : [new PrintParagraphs(body)]);
    }

    [GeneratedRegex(@"\n[ \t\u3000]*\n", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex BlankLine();
}
