// The desks of a selection scenario on a fake clock: each demo user signed in (again, once the clock has moved past
// their sign-in), the clock moved to a Beijing date, and the steps people repeat.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests;

internal sealed class SelectionDesk(HostFactory factory, FakeTimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private readonly Dictionary<string, (HttpClient Client, DateTimeOffset SignedInAt)> desks = new(StringComparer.Ordinal);

    /// <summary>The user's signed-in client; signed in again when the sign-in is hours old on the fake clock.</summary>
    public async Task<HttpClient> AsAsync(string userName)
    {
        var now = clock.GetUtcNow();
        if (desks.TryGetValue(userName, out var desk) && now - desk.SignedInAt < TimeSpan.FromHours(4))
        {
            return desk.Client;
        }

        desk.Client?.Dispose();
        var client = await factory.SignInAsync(userName);
        desks[userName] = (client, now);
        return client;
    }

    /// <summary>Moves the clock forward to the Beijing instant; the timers due by then fire and their notices go out.</summary>
    public async Task AdvanceToAsync(int year, int month, int day, int hour = 9)
    {
        var target = new DateTimeOffset(year, month, day, hour, 0, 0, Beijing);
        Assert.True(target > clock.GetUtcNow(), $"时钟不能倒退到 {target:yyyy-MM-dd HH:mm}。");
        await factory.AdvanceToAsync(target);
    }

    public async Task<string> StartCaseAsync(string userName, string definitionId, JsonObject form)
    {
        var response = await (await AsAsync(userName)).PostAsJsonAsync("/api/cases", new { definitionId, form });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadAsync(response))["id"]!.GetValue<string>();
    }

    /// <summary>A school applies to the batch; the application's case id.</summary>
    public async Task<string> ApplyAsync(string userName, string batchId, JsonObject form)
    {
        var response = await PostAsync(userName, $"/api/cases/{batchId}/applications", new { form });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadAsync(response))["id"]!.GetValue<string>();
    }

    public async Task<HttpResponseMessage> PostAsync(string userName, string path, object body) =>
        await (await AsAsync(userName)).PostAsJsonAsync(path, body);

    /// <summary>The user's one open task on the case, acted on with the action (approve, return, complete…).</summary>
    public async Task<HttpResponseMessage> ActAsync(string userName, string caseId, string action, object body) =>
        await ApiSteps.ActAsync(await AsAsync(userName), caseId, action, body);

    /// <summary>The user's open task at one step of the case (a case with several steps open at once).</summary>
    public async Task ActOnStepAsync(string userName, string caseId, string nodeId, string action, object body)
    {
        var client = await AsAsync(userName);
        var row = (await ListAsync(client, "todo", "&pageSize=100"))
            .Single(r => r!["caseId"]!.GetValue<string>() == caseId && r["nodeId"]!.GetValue<string>() == nodeId)!;
        var response = await client.PostAsJsonAsync($"/api/tasks/{row["taskId"]!.GetValue<string>()}/{action}", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The child cases a step of the case started, in the order it started them.</summary>
    public async Task<List<string>> ChildrenAsync(string userName, string caseId, string nodeId) =>
        [.. (await CaseAsync(userName, caseId))["timeline"]!.AsArray()
            .Where(e => e!["kind"]!.GetValue<string>() == "child-started" && e["nodeId"]?.GetValue<string>() == nodeId)
            .Select(e => e!["data"]!["childId"]!.GetValue<string>())];

    public async Task DecideAsync(string userName, string caseId, string action, object body) =>
        await ApiSteps.DecideAsync(await AsAsync(userName), caseId, action, body);

    /// <summary>Each drawn expert (by user name) scores every criterion of the application alike.</summary>
    public async Task ScoreAsync(string caseId, IReadOnlyDictionary<string, double> scoreByExpert, params string[] criteria)
    {
        foreach (var (expert, score) in scoreByExpert)
        {
            var scores = new JsonObject();
            foreach (var criterion in criteria)
            {
                scores[criterion] = score;
            }

            await DecideAsync(expert, caseId, "complete", new { outcome = "submit", data = new JsonObject { ["scores"] = scores } });
        }
    }

    public async Task<JsonObject> CaseAsync(string userName, string caseId) => await GetCaseAsync(await AsAsync(userName), caseId);

    /// <summary>The data of the case's journal entries of a kind, as its timeline shows them.</summary>
    public async Task<List<JsonNode>> TimelineAsync(string userName, string caseId, string kind) =>
        [.. (await CaseAsync(userName, caseId))["timeline"]!.AsArray().Where(e => e!["kind"]!.GetValue<string>() == kind).Select(e => e!["data"]!)];

    public void Dispose()
    {
        foreach (var (client, _) in desks.Values)
        {
            client.Dispose();
        }
    }
}
