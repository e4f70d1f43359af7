// What a file really is, judged by its bytes rather than its name: a renamed executable is not a PDF, a page of HTML
// behind a PDF header is no PDF, a zip of anything is no Word document; and what a file's name may hold.
using System.Globalization;
using System.IO.Compression;

namespace Approvals.Host.Features.Attachments;

internal static class FileSignatures
{
    /// <summary>The accepted kinds: extension → (content type, magic bytes at offset 0, what the rest of the file must show).</summary>
    private static readonly Dictionary<string, (string ContentType, byte[] Magic, Func<byte[], bool> Whole)> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", "%PDF-"u8.ToArray(), EndsAsPdf),
        [".png"] = ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], StartsWithImageHeader),
        [".jpg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF], _ => true),
        [".jpeg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF], _ => true),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04],
            content => IsOfficePackage(content, "word/document.xml")),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 0x03, 0x04],
            content => IsOfficePackage(content, "xl/workbook.xml")),
        [".doc"] = ("application/msword", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], _ => true),
        [".xls"] = ("application/vnd.ms-excel", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], _ => true),
    };

    public static string AcceptedList => "PDF、PNG、JPG、Word（doc/docx）、Excel（xls/xlsx）";

    /// <summary>The content type when the name's extension is accepted and the content is that kind of file.</summary>
    public static string? Recognise(string fileName, byte[] content)
    {
        var extension = Path.GetExtension(fileName);
        return Accepted.TryGetValue(extension, out var kind) && content.AsSpan().StartsWith(kind.Magic) && kind.Whole(content)
            ? kind.ContentType
            : null;
    }

    /// <summary>
    /// Why the name the browser sent cannot be kept, or null: a path (a name with / or \, or only dots) is refused rather
    /// than cut down to its last part, and so are control characters and invisible ones (a right-to-left override makes
    /// "发票‮fdp.exe" read as "发票exe.pdf").
    /// </summary>
    public static string? ProblemWithName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim('.', ' ').Length == 0)
        {
            return "文件名不能为空。";
        }

        if (name.IndexOfAny(['/', '\\', ':']) >= 0)
        {
            return $"文件名不能包含路径或盘符（/、\\、:），请只用文件本身的名字：{Visible(name)}。";
        }

        return name.Any(IsHidden) ? $"文件名含有控制字符或不可见的字符，请改名后再上传：{Visible(name)}。" : null;
    }

    private static bool IsHidden(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>The name as a person can read it in the message: hidden characters written as \uXXXX.</summary>
    private static string Visible(string name) =>
        string.Concat(name.Select(c => IsHidden(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>A PDF ends with its end-of-file marker (give or take a few bytes of padding).</summary>
    private static bool EndsAsPdf(byte[] content) => content.AsSpan(Math.Max(0, content.Length - 1024)).IndexOf("%%EOF"u8) >= 0;

    /// <summary>A PNG's first chunk is its image header.</summary>
    private static bool StartsWithImageHeader(byte[] content) => content.Length >= 16 && content.AsSpan(12, 4).SequenceEqual("IHDR"u8);

    /// <summary>A Word or Excel file is a zip with the package's content types and its main part (names read, nothing unpacked).</summary>
    private static bool IsOfficePackage(byte[] content, string mainPart)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry(mainPart) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
