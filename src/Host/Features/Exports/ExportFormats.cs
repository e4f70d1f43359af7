// The forms an export comes in and what every one of them shares: the file name a bureau files it under and the
// date it is issued on, both in Beijing terms.
using System.Globalization;
using Approvals.Workflows.Calendar;

namespace Approvals.Host.Features.Exports;

internal static class ExportFormats
{
    /// <summary>An .xlsx workbook to file.</summary>
    public const string Xlsx = "xlsx";

    /// <summary>A print-ready A4 page.</summary>
    public const string Print = "print";

    /// <summary>Plain text to paste into an official document (the notice only).</summary>
    public const string Text = "text";

    /// <summary>The rows and totals as JSON, for a page to show them (the reward table).</summary>
    public const string Json = "json";

    /// <summary>What a table export answers to: the workbook (the default) or the print page.</summary>
    public const string TableFormatMessage = "导出格式（format）应为 xlsx（电子表格）或 print（打印页）。";

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>"技能大赛奖励核算表-2024年奖励申请-20260302.xlsx": characters no file system accepts become "_".</summary>
    public static string FileName(string what, string caseTitle, DateOnly issued, string extension)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var title = new string([.. caseTitle.Trim().Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]);
        if (title.Length > 80)
        {
            title = title[..80];
        }

        return $"{what}-{title}-{issued.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.{extension}";
    }

    public static bool IsTableFormat(string? format) => format is null or Xlsx or Print;

    /// <summary>Today in Beijing, the date an export is issued on.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(WorkingDayCalendar.ChinaOffset).DateTime);

    /// <summary>"2026年3月2日", as official documents write dates (GB/T 9704).</summary>
    public static string ChineseDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    public static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Yuan without trailing zeros: 20000, 7500.5.</summary>
    public static string Yuan(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture);
}
