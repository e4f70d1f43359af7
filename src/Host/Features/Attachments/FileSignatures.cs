// What a file really is, judged by its first bytes rather than its name: a renamed executable is not a PDF.
namespace Approvals.Host.Features.Attachments;

internal static class FileSignatures
{
    /// <summary>The accepted kinds: extension → (content type, magic bytes at offset 0).</summary>
    private static readonly Dictionary<string, (string ContentType, byte[] Magic)> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", "%PDF-"u8.ToArray()),
        [".png"] = ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        [".jpg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        [".jpeg"] = ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04]),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 0x03, 0x04]),
        [".doc"] = ("application/msword", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        [".xls"] = ("application/vnd.ms-excel", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
    };

    public static string AcceptedList => "PDF、PNG、JPG、Word（doc/docx）、Excel（xls/xlsx）";

    /// <summary>The content type when the name's extension is accepted and the content starts as that kind of file does.</summary>
    public static string? Recognise(string fileName, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(fileName);
        return Accepted.TryGetValue(extension, out var kind) && head.StartsWith(kind.Magic) ? kind.ContentType : null;
    }
}
