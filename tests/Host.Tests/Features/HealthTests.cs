using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests.Features;

public sealed class HealthTests
{
    private static string ShippedDefinitions()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln")))
            {
                return Path.Combine(dir.FullName, "definitions");
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public async Task Health_FreshDatabase_IsHealthyWithEveryShippedDefinitionPublished()
    {
        var file = HostFactory.NewDatabaseFile();
        try
        {
            await using (var factory = new HostFactory(file))
            {
                var response = await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var body = await response.Content.ReadFromJsonAsync<JsonObject>();
                Assert.Equal("healthy", body!["status"]!.GetValue<string>());
                Assert.Equal("sqlite", body["database"]!.GetValue<string>());
                Assert.Equal(Directory.GetFiles(ShippedDefinitions(), "*.json").Length, body["definitions"]!.GetValue<int>());
            }

            // A second start over the same database publishes nothing new.
            await using (var again = new HostFactory(file))
            {
                Assert.Equal(HttpStatusCode.OK, (await again.CreateClient().GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
                await using var db = again.Services.GetRequiredService<WorkflowDatabase>().CreateContext();
                Assert.All(await db.Definitions.ToListAsync(), d => Assert.Equal(1, d.Version));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            HostFactory.DeleteDatabase(file);
        }
    }

    [Fact]
    public async Task Startup_BrokenDefinitionFile_IsSkippedAndTheOthersArePublished()
    {
        var file = HostFactory.NewDatabaseFile();
        var folder = Directory.CreateTempSubdirectory("approvals-definitions-").FullName;
        try
        {
            File.Copy(Path.Combine(ShippedDefinitions(), "major-addition-filing.json"), Path.Combine(folder, "good.json"));
            await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), "{ \"id\": \"broken\", \"nodes\": [ ");
            await File.WriteAllTextAsync(Path.Combine(folder, "invalid.json"),
                """{ "id": "invalid", "name": "无开始节点", "nodes": [ { "id": "end", "kind": "End" } ], "edges": [] }""");
            await File.WriteAllTextAsync(Path.Combine(folder, "odd.json"), """{ "id": "odd", "name": "空节点表", "nodes": null, "edges": [] }""");
            await File.WriteAllTextAsync(Path.Combine(folder, "twice.json"),
                """{ "id": "twice", "name": "重复键", "nodes": [ { "id": "s", "kind": "Start", "inputs": { "form": "a", "form": "b" } } ], "edges": [] }""");

            await using var factory = new HostFactory(file, folder);
            var response = await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var db = factory.Services.GetRequiredService<WorkflowDatabase>().CreateContext();
            Assert.Equal(["major-addition-filing"], await db.Definitions.Select(d => d.DefinitionId).ToListAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            HostFactory.DeleteDatabase(file);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Health_UnreachableDatabase_Is503WithAChineseReason()
    {
        // The database would live under a plain file, so it can never be created: start-up migration fails,
        // and the host stays up to say so instead of crash-looping.
        var blocker = Path.GetTempFileName();
        try
        {
            await using var factory = new HostFactory(Path.Combine(blocker, "data", "approvals.db"));

            var response = await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("unhealthy", body!["status"]!.GetValue<string>());
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", body["reason"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
