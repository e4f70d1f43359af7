using System.IO.Compression;
using System.Net;
using System.Text;
using Approvals.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features.Security;

/// <summary>An upload is judged by what its bytes are and what its name holds, never by the name's extension alone.</summary>
public sealed class UploadContentTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>What is refused: (name, bytes, status, why).</summary>
    public static TheoryData<string, byte[], HttpStatusCode> Refused => new()
    {
        { "申报书.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, .. new byte[200]], HttpStatusCode.UnsupportedMediaType }, // a Windows executable
        { "申报书.pdf", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>fetch('/api/users')</script></html>"), HttpStatusCode.UnsupportedMediaType },
        { "申报书.pdf", Zip(("payload.exe", "MZ")), HttpStatusCode.UnsupportedMediaType },
        { "申报书.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"), HttpStatusCode.UnsupportedMediaType }, // PDF header, HTML body
        { "申报书.docx", Zip(("payload.exe", "MZ"), ("readme.txt", "x")), HttpStatusCode.UnsupportedMediaType }, // a zip of anything, named as Word
        { "照片.png", [.. Png[..8], .. Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>")], HttpStatusCode.UnsupportedMediaType }, // PNG header, HTML body
        { "照片.png", Pdf, HttpStatusCode.UnsupportedMediaType }, // a real PDF named as an image
        { "空文件.pdf", [], HttpStatusCode.BadRequest },
        { "../../wwwroot/index.pdf", Pdf, HttpStatusCode.BadRequest }, // path traversal
        { "..\\..\\申报书.pdf", Pdf, HttpStatusCode.BadRequest },
        { "C:申报书.pdf", Pdf, HttpStatusCode.BadRequest },
        { "发票\u202Egnp.pdf", Pdf, HttpStatusCode.BadRequest }, // right-to-left override: reads as 发票fdp.png
        { "申报\u200B书.pdf", Pdf, HttpStatusCode.BadRequest }, // zero-width space
        { "申报书\u0000.pdf", Pdf, HttpStatusCode.BadRequest },
        { "..", Pdf, HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Upload_ContentOrNameNotAcceptable_IsRefusedInChineseAndNothingIsStored(string name, byte[] content, HttpStatusCode status)
    {
        using var school = await host.SignInAsync("school");
        var before = await CountAsync();

        var response = await SecurityWorld.UploadAsync(school, name, new ByteArrayContent(content));

        await AssertProblemAsync(response, status);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", (await ReadAsync(response))["detail"]!.GetValue<string>());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Upload_OverTheLimit_Is413AndNothingIsStored()
    {
        using var school = await host.SignInAsync("school");
        var before = await CountAsync();
        var big = new byte[(20 * 1024 * 1024) + 1];
        Pdf.CopyTo(big, 0);
        "%%EOF\n"u8.CopyTo(big.AsSpan(big.Length - 6));

        var response = await SecurityWorld.UploadAsync(school, "申报书.pdf", new ByteArrayContent(big));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("师资情况.pdf", "application/pdf")]
    [InlineData("实训条件照片.png", "image/png")]
    [InlineData("专业设置论证报告.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public async Task Upload_ARealFile_IsStoredAndServedAsItsKindNeverSniffed(string name, string contentType)
    {
        using var school = await host.SignInAsync("school");
        var content = name.EndsWith(".pdf", StringComparison.Ordinal) ? Pdf
            : name.EndsWith(".png", StringComparison.Ordinal) ? Png
            : Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"));

        var response = await SecurityWorld.UploadAsync(school, name, new ByteArrayContent(content));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await ReadAsync(response))["id"]!.GetValue<string>();
        var download = await school.GetAsync($"/api/attachments/{id}");
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(contentType, download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(name, download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entryName, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
                writer.Write(text);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Stored attachments and audit entries: a refused upload adds to neither.</summary>
    private Task<(int Attachments, int Audit)> CountAsync() =>
        host.Factory.QueryHostAsync(async (ApprovalsDb db) => (await db.Attachments.CountAsync(), await db.Audit.CountAsync()));
}
