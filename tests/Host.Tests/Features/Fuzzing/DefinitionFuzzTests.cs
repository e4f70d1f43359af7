// Fuzz: generated definitions, valid and broken in every generated way, sent by an administrator to validate, save as a
// draft and publish. Never a 5xx; a refusal is ProblemDetails in Chinese; nothing logged as an error; a refused draft or
// publish writes nothing.
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Approvals.Tests.Fuzzing;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Approvals.Host.Tests.Features.Fuzzing;

[Trait("Category", "Fuzz")]
public sealed class DefinitionFuzzTests(FuzzHost host, ITestOutputHelper output) : IClassFixture<FuzzHost>
{
    /// <summary>Ids the inputs share, so a draft or version written by one input is there when the next is refused.</summary>
    private static readonly string[] Ids = ["fuzz-a", "fuzz-b", "fuzz-c"];

    public sealed record Input(string Id, string Mutation, string Text)
    {
        public override string ToString() => $"{Id}, {Mutation}: {FuzzText.Cut(Text)}";
    }

    [Fact]
    public async Task ValidateSaveAndPublish_AnyDefinition_NeverFailsAndARefusalWritesNothing()
    {
        using var admin = await host.SignInAsync("admin");
        var inputs = FuzzRun.Inputs(Definitions(), nameof(ValidateSaveAndPublish_AnyDefinition_NeverFailsAndARefusalWritesNothing));

        await FuzzRun.CheckAsync(inputs, "definitions", async input =>
        {
            var mark = host.LogMark;
            var route = Uri.EscapeDataString(input.Id);
            var validated = await admin.PostAsync("/api/definitions/validate", Body(input.Text));
            if (await FuzzHost.BadResponseAsync(validated) is { } invalid)
            {
                return $"validate: {invalid}";
            }

            var draftBefore = await DraftAsync(input.Id);
            var saved = await admin.PutAsync($"/api/definitions/{route}/draft", Body(input.Text));
            if (await FuzzHost.BadResponseAsync(saved) is { } unsaved)
            {
                return $"save draft: {unsaved}";
            }

            if (!saved.IsSuccessStatusCode && await DraftAsync(input.Id) != draftBefore)
            {
                return $"a refused draft ({(int)saved.StatusCode}) changed the stored draft";
            }

            var versionsBefore = await VersionsAsync(input.Id);
            var published = await admin.PostAsync($"/api/definitions/{route}/publish", Body(input.Text));
            if (await FuzzHost.BadResponseAsync(published) is { } unpublished)
            {
                return $"publish: {unpublished}";
            }

            var versions = await VersionsAsync(input.Id);
            return versions != versionsBefore + (published.IsSuccessStatusCode ? 1 : 0)
                ? $"publish answered {(int)published.StatusCode} and the versions went from {versionsBefore} to {versions}"
                : host.ErrorsSince(mark);
        }, output.WriteLine);
    }

    private static StringContent Body(string text)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private Task<string?> DraftAsync(string id) =>
        host.Factory.QueryHostAsync(db => db.DefinitionDrafts.AsNoTracking().Where(d => d.DefinitionId == id).Select(d => d.Json).SingleOrDefaultAsync());

    private Task<int> VersionsAsync(string id) => host.Factory.QueryEngineAsync(db => db.Definitions.CountAsync(d => d.DefinitionId == id));

    /// <summary>A valid definition (a chain of SetVariable and If steps between Start and End), then broken or not.</summary>
    private static Gen<Input> Definitions() =>
        from id in Gen.Elements(Ids)
        from steps in Gen.Choose(0, 6).SelectMany(count => Gen.ArrayOf(Gen.Elements("SetVariable", "If"), count))
        from name in Gen.OneOf(Gen.Elements("专业增设备案（测试）", "模糊测试流程"), FuzzText.OddStrings)
        from graph in Gen.Elements("chain", "cycle", "dangling", "duplicate id", "unknown kind", "deep inputs", "huge input")
        let document = Graph(id, name, steps, graph)
        from mutated in FuzzText.Mutate(document)
        select new Input(id, $"{graph}, {mutated.Mutation}", mutated.Text);

    private static JsonObject Graph(string id, string name, string[] steps, string shape)
    {
        var nodes = new JsonArray { new JsonObject { ["id"] = "start", ["kind"] = "Start" } };
        var edges = new JsonArray();
        var previous = ("start", new[] { "done" });
        for (var i = 0; i < steps.Length; i++)
        {
            var nodeId = $"step{i}";
            nodes.Add(steps[i] == "If"
                ? new JsonObject { ["id"] = nodeId, ["kind"] = "If", ["name"] = "条件", ["inputs"] = new JsonObject { ["condition"] = "form.amount > 10" } }
                : new JsonObject { ["id"] = nodeId, ["kind"] = "SetVariable", ["inputs"] = new JsonObject { ["variable"] = "total", ["value"] = "vars.total + 1" } });
            Link(edges, previous, nodeId);
            previous = (nodeId, steps[i] == "If" ? ["true", "false"] : ["done"]);
        }

        nodes.Add(new JsonObject { ["id"] = "end", ["kind"] = "End" });
        Link(edges, previous, "end");
        switch (shape)
        {
            case "cycle":
                edges.Add(new JsonObject { ["source"] = previous.Item1, ["outcome"] = "again", ["target"] = "start" });
                break;
            case "dangling":
                edges.Add(new JsonObject { ["source"] = "start", ["outcome"] = "done", ["target"] = "nowhere" });
                break;
            case "duplicate id":
                nodes.Add(new JsonObject { ["id"] = "start", ["kind"] = "End" });
                break;
            case "unknown kind":
                nodes.Add(new JsonObject { ["id"] = "odd", ["kind"] = "Teleport" });
                break;
            case "deep inputs":
                nodes[0]!["inputs"] = new JsonObject { ["value"] = FuzzText.Raw(string.Concat(Enumerable.Repeat("{\"a\":", 1_200)) + "1" + new string('}', 1_200)) };
                break;
            case "huge input":
                nodes[0]!["inputs"] = new JsonObject { ["note"] = new string('字', 1 << 20) };
                break;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["variables"] = new JsonArray { new JsonObject { ["name"] = "total", ["type"] = "number", ["default"] = 0 } },
            ["nodes"] = nodes,
            ["edges"] = edges,
        };
    }

    private static void Link(JsonArray edges, (string Node, string[] Outcomes) from, string to)
    {
        foreach (var outcome in from.Outcomes)
        {
            edges.Add(new JsonObject { ["source"] = from.Node, ["outcome"] = outcome, ["target"] = to });
        }
    }
}
