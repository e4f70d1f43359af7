using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

/// <summary>Files are uploaded while the form is filled, named in its file fields, and belong to the case once it starts.</summary>
public sealed class AttachmentsTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task StartCase_WithAnUploadedFile_TheCaseListsItAndTheCityCanReadIt()
    {
        using var school = await host.SignInAsync("school");
        var evidence = await UploadPdfAsync(school, "校企合作协议.pdf");
        var form = MajorForm();
        form["evidence"] = new JsonArray(evidence);

        var response = await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var caseId = (await ReadAsync(response))["id"]!.GetValue<string>();
        using var city = await host.SignInAsync("hohhot");
        var view = await GetCaseAsync(city, caseId);
        Assert.Equal(evidence, view["attachments"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("校企合作协议.pdf", view["attachments"]![0]!["fileName"]!.GetValue<string>());
    }

    [Fact]
    public async Task StartCase_WithAnotherSchoolsFile_Is400AndNoCaseIsWritten()
    {
        using var other = await host.SignInAsync("school3");
        var theirs = await UploadPdfAsync(other, "他校材料.pdf");
        using var school = await host.SignInAsync("school");
        var form = MajorForm();
        form["evidence"] = theirs;
        var before = await host.Factory.CountCasesAsync();

        var response = await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("form.evidence", (await ReadAsync(response))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before, await host.Factory.CountCasesAsync());
    }

    [Fact]
    public async Task Resubmit_WithANewFile_AddsItToTheCase()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var caseId = await StartFilingAsync(school);
        await city.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(city, caseId)}/return", new { comment = "请补充实训设备清单" });
        var list = await UploadPdfAsync(school, "实训设备清单.pdf");

        var resubmitted = await school.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(school, caseId)}/resubmit",
            new { comment = "已补充", data = new JsonObject { ["evidence"] = new JsonArray(list) } });

        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
        var view = await GetCaseAsync(school, caseId);
        Assert.Contains(view["attachments"]!.AsArray(), a => a!["id"]!.GetValue<string>() == list);
    }

    [Fact]
    public async Task Resubmit_KeepingTheCasesFileAndAddingOne_KeepsBoth()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var first = await UploadPdfAsync(school, "校企合作协议.pdf");
        var form = MajorForm();
        form["evidence"] = new JsonArray(first);
        var started = await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form });
        var caseId = (await ReadAsync(started))["id"]!.GetValue<string>();
        await city.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(city, caseId)}/return", new { comment = "请补充实训设备清单" });
        var added = await UploadPdfAsync(school, "实训设备清单.pdf");

        // The revised form, as the web application sends it, still names the file the case already has.
        var resubmitted = await school.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(school, caseId)}/resubmit",
            new { comment = "已补充", data = new JsonObject { ["evidence"] = new JsonArray(first, added) } });

        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
        var ids = (await GetCaseAsync(school, caseId))["attachments"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([first, added], ids);
    }

    [Fact]
    public async Task Resubmit_NamingAnotherCasesFile_Is400()
    {
        using var school = await host.SignInAsync("school");
        using var city = await host.SignInAsync("hohhot");
        var elsewhere = await UploadPdfAsync(school, "另一案件材料.pdf");
        var other = MajorForm();
        other["evidence"] = elsewhere;
        Assert.Equal(HttpStatusCode.Created, (await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form = other })).StatusCode);
        var caseId = await StartFilingAsync(school);
        await city.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(city, caseId)}/return", new { comment = "请补充材料" });

        var resubmitted = await school.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(school, caseId)}/resubmit",
            new { comment = "已补充", data = new JsonObject { ["evidence"] = elsewhere } });

        await AssertProblemAsync(resubmitted, HttpStatusCode.BadRequest);
        Assert.Contains("form.evidence", (await ReadAsync(resubmitted))["errors"]!.AsObject().Select(e => e.Key));
    }
}
