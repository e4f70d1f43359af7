// Fuzz: generated start forms for the processes a school starts (a major filing, competition rewards), valid and broken
// in every generated way, including attachment ids that do not exist, are another school's or are already used.
// Never a 5xx; a refusal is ProblemDetails in Chinese; nothing logged as an error; a refused start writes nothing.
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Approvals.Tests.Fuzzing;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features.Fuzzing;

[Trait("Category", "Fuzz")]
public sealed class FormFuzzTests(FuzzHost host, ITestOutputHelper output) : IClassFixture<FuzzHost>
{
    public sealed record Input(string Mutation, string Text)
    {
        public override string ToString() => $"{Mutation}: {FuzzText.Cut(Text)}";
    }

    [Fact]
    public async Task StartCase_AnyForm_NeverFailsAndARefusalWritesNothing()
    {
        using var school = await host.SignInAsync("school");
        using var otherSchool = await host.SignInAsync("school3");
        var own = await UploadAsync(school);
        var others = await UploadAsync(otherSchool);
        var used = await UploadAsync(school);
        var form = MajorForm();
        form["evidence"] = used;
        Assert.Equal(System.Net.HttpStatusCode.Created, (await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form })).StatusCode);
        var attachments = new[] { own, others, used, Guid.NewGuid().ToString(), "not-a-guid", "" };
        var inputs = FuzzRun.Inputs(Starts(attachments), nameof(StartCase_AnyForm_NeverFailsAndARefusalWritesNothing));

        await FuzzRun.CheckAsync(inputs, "start forms", async input =>
        {
            var mark = host.LogMark;
            var before = await CountRowsAsync();
            var content = new StringContent(input.Text, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = await school.PostAsync("/api/cases", content);
            if (await FuzzHost.BadResponseAsync(response) is { } bad)
            {
                return bad;
            }

            var after = await CountRowsAsync();
            return !response.IsSuccessStatusCode && after != before
                ? $"a refused start ({(int)response.StatusCode}) changed the rows (cases, tasks, journal, linked attachments) from {before} to {after}"
                : host.ErrorsSince(mark);
        }, output.WriteLine);
    }

    private static async Task<string> UploadAsync(HttpClient client)
    {
        var file = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var response = await client.PostAsync("/api/attachments", new MultipartFormDataContent { { file, "file", "佐证材料.pdf" } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await ReadAsync(response))["id"]!.GetValue<string>();
    }

    private Task<(int, int, int, int)> CountRowsAsync() => host.Factory.QueryEngineAsync(async db =>
        (await db.Instances.CountAsync(), await db.HumanTasks.CountAsync(), await db.Journal.CountAsync(),
            await host.Factory.QueryHostAsync(app => app.Attachments.CountAsync(a => a.CaseId != null))));

    /// <summary>A valid start (a major filing or a rewards application, with an attachment now and then), then broken or not.</summary>
    private static Gen<Input> Starts(string[] attachments) =>
        from definition in Gen.Elements("major-addition-filing", "competition-rewards", "no-such-process", "major-warning")
        from attachment in Gen.Elements(attachments)
        from rows in Gen.Choose(0, 4)
        from title in Gen.OneOf(Gen.Constant<JsonNode?>(null), FuzzText.AnyValues)
        let body = Body(definition, attachment, rows, title)
        from mutated in FuzzText.Mutate(body)
        select new Input($"{definition}, {mutated.Mutation}", mutated.Text);

    private static JsonObject Body(string definition, string attachment, int rows, JsonNode? title)
    {
        JsonObject form;
        if (definition == "competition-rewards")
        {
            form = new JsonObject
            {
                ["winners"] = new JsonArray([.. Enumerable.Range(0, rows).Select(i => (JsonNode)new JsonObject
                {
                    ["name"] = $"选手{i}", ["role"] = "学生", ["event"] = "数控车", ["level"] = "全国", ["rank"] = 1 + (i % 4),
                    ["organiser"] = "人社部门", ["year"] = 2024, ["instructors"] = "陈老师",
                })]),
            };
        }
        else
        {
            form = MajorForm($"数控加工技术{rows}");
            form["evidence"] = rows % 2 == 0 ? attachment : new JsonArray(attachment, attachment);
        }

        var body = new JsonObject { ["definitionId"] = definition, ["form"] = form };
        if (title is not null)
        {
            body["title"] = title.DeepClone();
        }

        return body;
    }
}
