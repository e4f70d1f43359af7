// Reading an exported workbook back with MiniExcel, as a bureau's spreadsheet program would see it.
using System.Globalization;
using MiniExcelLibs;

namespace Approvals.Host.Tests.Features.Exports;

internal static class Xlsx
{
    /// <summary>The sheet's rows under its header row, by column name.</summary>
    public static List<IDictionary<string, object?>> Rows(Stream file, string sheet)
    {
        file.Position = 0;
        return [.. file.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()];
    }

    /// <summary>A cell as text: numbers invariantly, an empty cell as "".</summary>
    public static string Text(object? cell) => cell switch
    {
        null => "",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
