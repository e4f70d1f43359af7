// A print-ready A4 page: a title, who issues it and when, then tables and paragraphs. Every piece of text is
// HTML-encoded here, in the one place that writes markup, and the page carries no script and allows none.
using System.Text;

namespace Approvals.Host.Features.Exports;

internal abstract record PrintBlock;

/// <summary>A table; <paramref name="Totals"/> rows close it (合计) and repeat no header.</summary>
internal sealed record PrintTable(
    string? Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<IReadOnlyList<string>> Totals,
    IReadOnlySet<int> NumericColumns) : PrintBlock;

/// <summary>Body text of an official document: each line one paragraph, indented two characters.</summary>
internal sealed record PrintParagraphs(IReadOnlyList<string> Lines) : PrintBlock;

/// <summary>The closing lines (落款) at the right: the issuing office and the date.</summary>
internal sealed record PrintClosing(IReadOnlyList<string> Lines) : PrintBlock;

/// <summary>Blank lines to sign and stamp on paper: 经办人, 审核人, 单位盖章.</summary>
internal sealed record PrintSignatures(IReadOnlyList<string> Labels) : PrintBlock;

/// <summary>The page; <paramref name="Heading"/> holds label–value pairs under the title (填报单位, 制表日期).</summary>
internal sealed record PrintPage(string Title, IReadOnlyList<(string Label, string Value)> Heading, IReadOnlyList<PrintBlock> Blocks)
{
    // 公文 fonts (GB/T 9704): 小标宋 for the title, 仿宋 for the body, with the fonts every system has after them.
    private const string Style = """
        @page { size: A4; margin: 25mm 20mm 20mm 25mm; }
        body { font-family: "FangSong", "仿宋", "STFangsong", "Songti SC", "SimSun", serif; font-size: 12pt; color: #000; margin: 0; }
        h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "Songti SC", serif; font-size: 20pt; font-weight: normal; text-align: center; margin: 0 0 12pt; }
        dl.heading { display: flex; flex-wrap: wrap; justify-content: space-between; margin: 0 0 8pt; }
        dl.heading div { margin: 0 12pt 4pt 0; } dl.heading dt, dl.heading dd { display: inline; margin: 0; }
        table { width: 100%; border-collapse: collapse; margin: 0 0 12pt; page-break-inside: auto; }
        caption { font-weight: bold; text-align: left; padding: 4pt 0; }
        th, td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; font-size: 10.5pt; }
        th { background: #eee; } thead { display: table-header-group; } tfoot { display: table-row-group; }
        tr { page-break-inside: avoid; } td.number { text-align: right; white-space: nowrap; } tfoot td { font-weight: bold; }
        p.body { text-indent: 2em; line-height: 1.75; margin: 0; font-size: 16pt; }
        div.closing { text-align: right; margin-top: 24pt; font-size: 16pt; line-height: 1.75; }
        div.signatures { display: flex; justify-content: space-between; margin-top: 24pt; }
        @media print { th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
        """;

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(Title)).Append("</title>\n<style>\n")
            .Append(Style).Append("</style>\n</head>\n<body>\n<h1>").Append(Encode(Title)).Append("</h1>\n");
        if (Heading.Count > 0)
        {
            html.Append("<dl class=\"heading\">");
            foreach (var (label, value) in Heading)
            {
                html.Append("<div><dt>").Append(Encode(label)).Append("：</dt><dd>").Append(Encode(value)).Append("</dd></div>");
            }

            html.Append("</dl>\n");
        }

        foreach (var block in Blocks)
        {
            Write(html, block);
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    private static void Write(StringBuilder html, PrintBlock block)
    {
        switch (block)
        {
            case PrintTable table:
                html.Append("<table>");
                if (table.Caption is not null)
                {
                    html.Append("<caption>").Append(Encode(table.Caption)).Append("</caption>");
                }

                html.Append("<thead><tr>");
                foreach (var column in table.Columns)
                {
                    html.Append("<th>").Append(Encode(column)).Append("</th>");
                }

                html.Append("</tr></thead>\n<tbody>\n");
                foreach (var row in table.Rows)
                {
                    Row(html, row, table.NumericColumns);
                }

                html.Append("</tbody>\n");
                if (table.Totals.Count > 0)
                {
                    html.Append("<tfoot>\n");
                    foreach (var row in table.Totals)
                    {
                        Row(html, row, table.NumericColumns);
                    }

                    html.Append("</tfoot>\n");
                }

                html.Append("</table>\n");
                break;
            case PrintParagraphs paragraphs:
                foreach (var line in paragraphs.Lines)
                {
                    html.Append("<p class=\"body\">").Append(Encode(line)).Append("</p>\n");
                }

                break;
            case PrintClosing closing:
                html.Append("<div class=\"closing\">").AppendJoin("<br>", closing.Lines.Select(Encode)).Append("</div>\n");
                break;
            case PrintSignatures signatures:
                html.Append("<div class=\"signatures\">");
                foreach (var label in signatures.Labels)
                {
                    html.Append("<span>").Append(Encode(label)).Append("：________________</span>");
                }

                html.Append("</div>\n");
                break;
        }
    }

    private static void Row(StringBuilder html, IReadOnlyList<string> cells, IReadOnlySet<int> numeric)
    {
        html.Append("<tr>");
        for (var i = 0; i < cells.Count; i++)
        {
            html.Append(numeric.Contains(i) ? "<td class=\"number\">" : "<td>").Append(Encode(cells[i])).Append("</td>");
        }

        html.Append("</tr>\n");
    }

    /// <summary>The five characters that mean markup; everything else, Chinese included, stays as written.</summary>
    private static string Encode(string text)
    {
        var encoded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var entity = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (entity is null)
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append(entity);
            }
        }

        return encoded.ToString();
    }
}

/// <summary>The page as an HTTP answer: UTF-8 HTML whose policy forbids scripts and any resource from elsewhere.</summary>
internal sealed class PrintPageResult(PrintPage page) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => "text/html; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        await response.WriteAsync(page.ToHtml(), Encoding.UTF8, httpContext.RequestAborted);
    }
}
