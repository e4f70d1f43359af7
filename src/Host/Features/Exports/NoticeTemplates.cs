// The notice texts (公示, 公告) as Liquid templates rendered with Fluid: the shipped ones are embedded files, parsed
// once; a template someone drafts is parsed per request. Rendering is strict (an unknown field or filter is an
// error, not a blank) and bounded, and every failure comes back as a Chinese message, never an exception.
using System.Globalization;
using System.Text.RegularExpressions;
using Approvals.Workflows.Calendar;
using Fluid;

namespace Approvals.Host.Features.Exports;

/// <summary>What a notice template can use; the names are camelCase in the template (batch.title, item.orgName).</summary>
internal sealed record NoticeModel(
    NoticeBatch Batch, IReadOnlyList<NoticeItem> Selected, NoticePeriod Period, string Contact, string Issuer, string Date);

internal sealed record NoticeBatch(string Title, string CaseId);

internal sealed record NoticeItem(int Number, int Rank, string OrgName, string CityName, string Title, string Score, string Note);

/// <summary>公示期: <paramref name="Held"/> when the case's 公示 has started (its dates are the journal's), else the dates it would have from today.</summary>
internal sealed record NoticePeriod(int Days, string Start, string End, bool Held);

/// <summary>The rendered text, or the Chinese reason it could not be made.</summary>
internal sealed record NoticeRendering(string? Text, string? Error);

internal sealed partial class NoticeTemplates
{
    /// <summary>公示: the selection result put up for objections.</summary>
    public const string Notice = "notice";

    /// <summary>公告: the list announced once the 公示 is over.</summary>
    public const string Announcement = "announcement";

    public static readonly IReadOnlyDictionary<string, string> KindNames = new Dictionary<string, string>
    {
        [Notice] = "公示", [Announcement] = "公告",
    };

    /// <summary>Enough for any notice of a few hundred lines; a drafted template looping beyond it is stopped.</summary>
    private const int MaxSteps = 200_000;

    private readonly FluidParser parser = new();
    private readonly TemplateOptions options;
    private readonly Dictionary<string, IFluidTemplate> shipped;

    public NoticeTemplates(TimeProvider clock)
    {
        options = new TemplateOptions
        {
            StrictVariables = true,
            StrictFilters = true,
            MaxSteps = MaxSteps,
            // A tag alone on its line ({% for %}, {% endfor %}) leaves no blank line behind.
            Trimming = TrimmingFlags.TagRight,
            CultureInfo = CultureInfo.GetCultureInfo("zh-CN"),
            TimeZone = TimeZoneInfo.CreateCustomTimeZone("China", WorkingDayCalendar.ChinaOffset, "北京时间", "北京时间"),
            Now = clock.GetUtcNow,
        };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.CamelCase;
        options.MemberAccessStrategy.Register<NoticeModel>();
        options.MemberAccessStrategy.Register<NoticeBatch>();
        options.MemberAccessStrategy.Register<NoticeItem>();
        options.MemberAccessStrategy.Register<NoticePeriod>();
        shipped = KindNames.Keys.ToDictionary(kind => kind, kind =>
            Parse(ReadShipped(kind)) is (IFluidTemplate template, null)
                ? template
                : throw new InvalidOperationException($"内置的{KindNames[kind]}模板有语法错误。"));
    }

    /// <summary>The text of a shipped template, as a bureau would start drafting its own.</summary>
    public static string ReadShipped(string kind)
    {
        using var stream = typeof(NoticeTemplates).Assembly.GetManifestResourceStream($"Exports.Templates.{kind}.liquid")
            ?? throw new InvalidOperationException($"缺少内置的{KindNames[kind]}模板。");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public Task<NoticeRendering> RenderShippedAsync(string kind, NoticeModel model) => RenderAsync(shipped[kind], model);

    /// <summary>A drafted template: a syntax error is reported with its line and column, as is a failure while rendering.</summary>
    public async Task<NoticeRendering> RenderDraftAsync(string source, NoticeModel model)
    {
        var (template, error) = Parse(source);
        return template is null ? new NoticeRendering(null, error) : await RenderAsync(template, model);
    }

    private (IFluidTemplate? Template, string? Error) Parse(string source)
    {
        if (parser.TryParse(source, out var template, out var error))
        {
            return (template, null);
        }

        var position = Position().Match(error ?? "");
        var where = position.Success ? $"第 {position.Groups[1].Value} 行第 {position.Groups[2].Value} 列" : "";
        return (null, $"模板语法错误：{where}附近的标签或输出不完整，请检查 {{% %}} 与 {{{{ }}}} 是否成对、标签名是否正确。");
    }

    private async Task<NoticeRendering> RenderAsync(IFluidTemplate template, NoticeModel model)
    {
        try
        {
            var text = (await template.RenderAsync(new TemplateContext(model, options), NullEncoder.Default)).Trim();
            return text.Length > 0 ? new NoticeRendering(text, null) : new NoticeRendering(null, "模板生成的文本为空。");
        }
        catch (FluidException ex)
        {
            var undefined = Undefined().Match(ex.Message);
            return new NoticeRendering(null, undefined.Success
                ? $"模板使用了不存在的{(undefined.Groups[1].Value == "variable" ? "字段" : "过滤器")}“{undefined.Groups[2].Value}”。"
                : "模板无法生成，请检查其中的字段和过滤器。");
        }
        catch (InvalidOperationException)
        {
            // Fluid stops a template past MaxSteps (or recursing too deep) this way.
            return new NoticeRendering(null, "模板执行的步骤过多（循环过大或无限循环），已停止生成。");
        }
    }

    [GeneratedRegex(@"at \((\d+):(\d+)\)", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Position();

    [GeneratedRegex("Undefined (variable|filter) '([^']*)'", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Undefined();
}
