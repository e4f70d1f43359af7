// A demo user signed in to the API on their own cookies, with the antiforgery token, for the steps a browser test does
// not walk by page.
using System.Text.Json;
using Microsoft.Playwright;

namespace Approvals.Web.Tests.Support;

public sealed class ApiDesk(IAPIRequestContext request, string token)
{
    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await request.GetAsync(path);
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"GET {path}: {response.Status} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> PostAsync(string path, object body) => await SendAsync(path, new() { DataObject = body });

    public async Task<JsonElement> PutAsync(string path, object body) => await SendAsync(path, new() { DataObject = body }, "PUT");

    public async Task PostRawAsync(string path, string json) =>
        await SendAsync(path, new() { Data = json, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" } });

    /// <summary>The caller's one open task on the case, acted on (approve, return, resubmit, complete).</summary>
    public async Task ActAsync(string caseId, string action, object body)
    {
        var todo = (await (await request.GetAsync("/api/tasks?list=todo&pageSize=100")).JsonAsync())!.Value.GetProperty("items");
        var task = todo.EnumerateArray().Single(t => t.GetProperty("caseId").GetString() == caseId).GetProperty("taskId").GetString();
        await SendAsync($"/api/tasks/{task}/{action}", new() { DataObject = body });
    }

    private async Task<JsonElement> SendAsync(string path, APIRequestContextOptions options, string method = "POST")
    {
        var headers = new Dictionary<string, string>(options.Headers ?? new Dictionary<string, string>()) { ["X-XSRF-TOKEN"] = token };
        options.Headers = headers;
        options.Method = method;
        var response = await request.FetchAsync(path, options);
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{method} {path}: {response.Status} {text}");
        return text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
    }
}
