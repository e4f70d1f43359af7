// An .xlsx workbook of named sheets, each a header row and its rows, written by MiniExcel and answered as a download
// under a Chinese file name (Content-Disposition with filename*).
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace Approvals.Host.Features.Exports;

/// <summary>One sheet: the header, then rows of one cell per column (a number stays a number for the spreadsheet's sums).</summary>
internal sealed record Sheet(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

internal static class Workbook
{
    public static byte[] Write(IReadOnlyList<Sheet> sheets)
    {
        var book = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            book[sheet.Name] = sheet.Rows.Select(row =>
            {
                var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < sheet.Columns.Count; i++)
                {
                    cells[sheet.Columns[i]] = row[i];
                }

                return cells;
            }).ToList();
        }

        // Auto width measures every cell first, which MiniExcel does only in fast mode; these sheets are small.
        using var stream = new MemoryStream();
        stream.SaveAs(book, configuration: new OpenXmlConfiguration { FastMode = true, EnableAutoWidth = true, AutoFilter = false, FreezeRowCount = 1 });
        return stream.ToArray();
    }

    public static IResult Download(IReadOnlyList<Sheet> sheets, string fileName) =>
        Results.File(Write(sheets), ExportFormats.XlsxContentType, fileName);
}
