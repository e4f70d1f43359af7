using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Approvals.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>Every kind of bad request gets a ProblemDetails 4xx, never a 500, and leaves nothing written.</summary>
public sealed class BadInputTests(HostFixture host) : IClassFixture<HostFixture>
{
    public static TheoryData<string, string> BadStartBodies => new()
    {
        { "{\"definitionId\": \"major-addition-filing\", \"form\": {", "malformed JSON" },
        { "[1, 2, 3]", "an array instead of an object" },
        { "{\"definitionId\": 42}", "a number where text is expected" },
        { "{\"definitionId\": \"major-addition-filing\", \"form\": \"not an object\"}", "text where an object is expected" },
        { "{}", "no definition" },
        { "{\"definitionId\": \"\"}", "an empty definition" },
        { "", "an empty body" },
        { "{\"definitionId\": \"competition-rewards\", \"form\": {\"winners\": [{\"name\": \"重复\", \"name\": \"张三\"}]}}", "a key twice in a table row (a 500, found by fuzzing)" },
        { "{\"definitionId\": \"major-addition-filing\", \"form\": {\"majorCode\": \"0103\", \"evidence\": [\"\\ud800\"]}}", "half a surrogate pair as an attachment id (a 500, found by fuzzing)" },
        { "{\"definitionId\": \"major-addition-filing\", \"form\": {\"majorName\": \"甲\", \"majorName\": \"乙\"}}", "a key twice in the form" },
    };

    [Theory]
    [MemberData(nameof(BadStartBodies))]
    public async Task StartCase_BadBody_Is400AndNoCaseIsWritten(string body, string why)
    {
        using var school = await host.SignInAsync("school");
        var before = await host.Factory.CountCasesAsync();

        var response = await school.PostAsync("/api/cases", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(before == await host.Factory.CountCasesAsync(), why);
    }

    [Fact]
    public async Task StartCase_UnknownDefinition_Is404AndNoCaseIsWritten()
    {
        using var school = await host.SignInAsync("school");
        var before = await host.Factory.CountCasesAsync();

        var response = await school.PostAsJsonAsync("/api/cases", new { definitionId = "no-such-process", form = MajorForm() });

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(before, await host.Factory.CountCasesAsync());
    }

    [Fact]
    public async Task StartCase_FormBreakingItsSchema_Is400NamingEachFieldAndNoCaseIsWritten()
    {
        using var school = await host.SignInAsync("school");
        var before = await host.Factory.CountCasesAsync();
        var form = MajorForm();
        form.Remove("majorName");
        form["teachers"] = "十二";
        form["plannedEnrolment"] = 0;

        var response = await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await ReadAsync(response))["errors"]!.AsObject();
        Assert.Contains("form.majorName", errors.Select(e => e.Key));
        Assert.Contains("form.teachers", errors.Select(e => e.Key));
        Assert.Contains("form.plannedEnrolment", errors.Select(e => e.Key));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", errors["form.majorName"]![0]!.GetValue<string>());
        Assert.Equal(before, await host.Factory.CountCasesAsync());
    }

    [Fact]
    public async Task StartCase_TextBodyInsteadOfJson_Is415()
    {
        using var school = await host.SignInAsync("school");

        var response = await school.PostAsync("/api/cases", new StringContent("definitionId=major-addition-filing", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("/api/cases/not-a-guid")]
    [InlineData("/api/cases/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/attachments/00000000-0000-0000-0000-000000000001")]
    public async Task Get_UnknownId_Is404(string path)
    {
        using var school = await host.SignInAsync("school");

        var response = await school.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Approve_UnknownTask_Is404()
    {
        using var city = await host.SignInAsync("hohhot");

        await AssertProblemAsync(await city.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/approve", new { }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Approve_WrongTypesInTheBody_Is400AndTheTaskStaysOpen()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school);
        var taskId = await TodoTaskAsync(city, caseId);

        var response = await city.PostAsync($"/api/tasks/{taskId}/approve", new StringContent("{\"comment\": [1], \"data\": 5}", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(taskId, await TodoTaskAsync(city, caseId));
    }

    [Fact]
    public async Task Upload_Oversize_Is413AndNothingIsStored()
    {
        using var school = await host.SignInAsync("school");
        var before = await CountAttachmentsAsync();
        var big = new byte[21 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(big);

        var response = await school.PostAsync("/api/attachments", FileContent(big, "申报书.pdf"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountAttachmentsAsync());
    }

    [Theory]
    [InlineData("申报书.pdf", new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00 })] // a Windows executable renamed
    [InlineData("照片.png", new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 })] // a PDF renamed to .png
    [InlineData("脚本.sh", new byte[] { 0x23, 0x21, 0x2F, 0x62, 0x69, 0x6E })] // a type not accepted at all
    public async Task Upload_ContentNotWhatTheNameSays_Is415AndNothingIsStored(string name, byte[] head)
    {
        using var school = await host.SignInAsync("school");
        var before = await CountAttachmentsAsync();

        var response = await school.PostAsync("/api/attachments", FileContent([.. head, .. new byte[100]], name));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await CountAttachmentsAsync());
    }

    [Fact]
    public async Task Upload_ARealPdf_IsStoredWithItsHashAndReadableByTheCityNotAnotherSchool()
    {
        using var school = await host.SignInAsync("school");
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

        var response = await school.PostAsync("/api/attachments", FileContent(pdf, "师资情况.pdf"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadAsync(response);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), body["sha256"]!.GetValue<string>());
        var id = body["id"]!.GetValue<string>();
        using var city = await host.SignInAsync("hohhot");
        Assert.Equal(pdf, await city.GetByteArrayAsync($"/api/attachments/{id}"));
        using var other = await host.SignInAsync("school3");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/attachments/{id}")).StatusCode);
    }

    [Fact]
    public async Task Write_WithoutTheAntiforgeryToken_Is400AndNothingIsWritten()
    {
        using var school = await host.SignInAsync("school");
        school.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        var before = await host.Factory.CountCasesAsync();

        var response = await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form = MajorForm() });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await host.Factory.CountCasesAsync());
    }

    [Fact]
    public async Task Read_WithoutSigningIn_Is401()
    {
        using var anonymous = host.Factory.CreateClient();

        await AssertProblemAsync(await anonymous.GetAsync("/api/tasks?list=todo"), HttpStatusCode.Unauthorized);
    }

    private static MultipartFormDataContent FileContent(byte[] bytes, string name)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private async Task<int> CountAttachmentsAsync()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApprovalsDb>().Attachments.CountAsync();
    }
}
