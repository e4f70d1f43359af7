// One virtual user's browser session: its own cookies (sign-in and antiforgery) and connections to the Host on
// loopback, and the requests a school or a reviewer sends, each timed and counted by kind.
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Approvals.Bench.Load;

public sealed class ApiSession : IDisposable
{
    private static readonly Uri Health = new("/health", UriKind.Relative);
    private static readonly Uri Cases = new("/api/cases", UriKind.Relative);

    private readonly HttpClient client;

    private ApiSession(HttpClient client, string userName, int rank)
    {
        this.client = client;
        UserName = userName;
        Rank = rank;
    }

    public string UserName { get; }

    /// <summary>Its place among the sessions of the same account: which task of the shared 待办 it takes.</summary>
    public int Rank { get; }

    /// <summary>Signs in as a demo user and fetches the antiforgery token every write carries.</summary>
    public static async Task<ApiSession> SignInAsync(Uri address, string userName, string password, int rank)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(address.Host)))
        {
            throw new ArgumentException("The load driver talks only to 127.0.0.1.", nameof(address));
        }

        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            MaxConnectionsPerServer = 2,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using (var login = await client.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName, password }))
            {
                login.EnsureSuccessStatusCode();
            }

            var antiforgery = await client.GetFromJsonAsync<JsonObject>(new Uri("/api/auth/antiforgery", UriKind.Relative))
                ?? throw new InvalidOperationException("No antiforgery token.");
            client.DefaultRequestHeaders.Add((string)antiforgery["headerName"]!, (string)antiforgery["token"]!);
            return new ApiSession(client, userName, rank);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The trivial baseline: GET /health.</summary>
    public Task<string?> CheckHealthAsync(LoadRecorder recorder) =>
        SendAsync(recorder, RequestKind.Health, () => client.GetAsync(Health));

    /// <summary>A school files a major (专业增设备案); its city's reviewers get the task.</summary>
    public Task<string?> StartCaseAsync(LoadRecorder recorder, JsonObject filing) =>
        SendAsync(recorder, RequestKind.Start, () => client.PostAsJsonAsync(Cases, filing));

    /// <summary>One page of 待办: whether it came, and the id of the task at <paramref name="index"/> on it if there is one.</summary>
    public async Task<(bool Answered, string? TaskId)> ListTodoAsync(LoadRecorder recorder, int page, int pageSize, int index)
    {
        var body = await SendAsync(recorder, RequestKind.List,
            () => client.GetAsync(new Uri($"/api/tasks?list=todo&page={page}&pageSize={pageSize}", UriKind.Relative)));
        if (body is null)
        {
            return (false, null);
        }

        using var json = JsonDocument.Parse(body);
        var items = json.RootElement.GetProperty("items");
        return (true, index < items.GetArrayLength() ? items[index].GetProperty("taskId").GetString() : null);
    }

    /// <summary>The number of open tasks in this user's 待办.</summary>
    public async Task<int> CountTodoAsync()
    {
        var page = await client.GetFromJsonAsync<JsonObject>(new Uri("/api/tasks?list=todo&pageSize=1", UriKind.Relative))
            ?? throw new InvalidOperationException("No work list.");
        return (int)page["total"]!;
    }

    /// <summary>Approves a task with <paramref name="decision"/>, the JSON of the comment and the step's data.</summary>
    public Task<string?> ApproveAsync(LoadRecorder recorder, string taskId, string decision) =>
        SendAsync(recorder, RequestKind.Approve, async () =>
        {
            using var content = new StringContent(decision, Encoding.UTF8, "application/json");
            return await client.PostAsync(new Uri($"/api/tasks/{taskId}/approve", UriKind.Relative), content);
        });

    public void Dispose() => client.Dispose();

    /// <summary>Times one request to its last byte and counts its outcome; the body when it succeeded, else null.</summary>
    private static async Task<string?> SendAsync(LoadRecorder recorder, RequestKind kind, Func<Task<HttpResponseMessage>> send)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            recorder.Record(kind, Stopwatch.GetElapsedTime(start), (int)response.StatusCode, body);
            return response.IsSuccessStatusCode ? body : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            recorder.Record(kind, Stopwatch.GetElapsedTime(start), 0, e.Message);
            return null;
        }
    }
}
