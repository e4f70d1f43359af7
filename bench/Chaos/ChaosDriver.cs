// The mixed load of a chaos run, through the proxy: schools file cases of the chaos process and resubmit the ones
// returned to them, the cities' reviewers approve or return what is in their 待办. Every request the Host answered
// with a 2xx is written to the log of acknowledged actions (what, by whom, on which case and task); a request cut
// by a kill gets no answer, is not acknowledged and is counted as a connection failure.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Approvals.Bench.Chaos;

/// <summary>One acknowledged action: start, approve, return or resubmit, by a user, on a case (and its task).</summary>
public sealed record Acknowledged(string Action, string User, Guid CaseId, Guid? TaskId);

public sealed class ChaosDriver : IDisposable
{
    public const string Password = "Demo#2026";

    /// <summary>Schools file; of the reviewers, 呼和浩特's get two sessions for every one of 包头's.</summary>
    private static readonly string[] SchoolUsers = ["school", "school2", "school3"];
    private static readonly string[] ReviewerUsers = ["hohhot", "baotou", "hohhot"];

    private readonly ConcurrentQueue<Acknowledged> acknowledged = new();
    private readonly ConcurrentQueue<string> problems = new();
    private readonly List<Session> sessions = [];
    private readonly Uri address;
    private long serverErrors;
    private long connectionFailures;
    private long conflicts;
    private long otherRefusals;
    private int filed;

    public ChaosDriver(Uri address) => this.address = address;

    public IReadOnlyCollection<Acknowledged> Log => acknowledged;

    public long ServerErrors => Interlocked.Read(ref serverErrors);

    /// <summary>Requests with no answer: cut by a kill, or sent while no node was up.</summary>
    public long ConnectionFailures => Interlocked.Read(ref connectionFailures);

    /// <summary>409: two reviewers of one city took the same task, or a task already decided by a request cut mid-answer.</summary>
    public long Conflicts => Interlocked.Read(ref conflicts);

    /// <summary>Any other 4xx (a lost sign-in after a restart would show here).</summary>
    public long OtherRefusals => Interlocked.Read(ref otherRefusals);

    /// <summary>The first few 5xx and unexpected 4xx, for the report.</summary>
    public IReadOnlyCollection<string> Problems => problems;

    /// <summary>The administrator publishes the chaos process, its timers of <paramref name="timerSeconds"/> each.</summary>
    public async Task PublishAsync(double timerSeconds)
    {
        using var admin = await Session.SignInAsync(address, "admin");
        var (status, body) = await admin.SendAsync(HttpMethod.Post, $"/api/definitions/{ChaosDefinition.Id}/publish", ChaosDefinition.Build(timerSeconds));
        if (status != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Publishing the chaos process failed: {status} {body}");
        }
    }

    /// <summary>Signs in <paramref name="users"/> sessions, schools and reviewers in turn.</summary>
    public async Task SignInAsync(int users)
    {
        for (var i = 0; i < users; i++)
        {
            var userName = i % 2 == 0 ? SchoolUsers[i / 2 % SchoolUsers.Length] : ReviewerUsers[i / 2 % ReviewerUsers.Length];
            sessions.Add(await Session.SignInAsync(address, userName));
        }
    }

    /// <summary>Every session acts, thinking between its requests, until <paramref name="token"/> is cancelled.</summary>
    public Task RunAsync(TimeSpan think, CancellationToken token) =>
        Task.WhenAll(sessions.Select(session => Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                var answered = SchoolUsers.Contains(session.UserName) ? await SchoolStepAsync(session) : await ReviewerStepAsync(session);
                try
                {
                    // No answer: a node is down or coming back; wait a little longer before the next try.
                    await Task.Delay(answered ? think * (0.5 + Random.Shared.NextDouble()) : TimeSpan.FromMilliseconds(300), token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        })));

    /// <summary>The session of a user, to read a case through the API as that user.</summary>
    public async Task<HttpStatusCode?> GetCaseStatusAsync(string userName, Guid caseId)
    {
        var session = sessions.First(s => s.UserName == userName);
        var (status, _) = await session.SendAsync(HttpMethod.Get, $"/api/cases/{caseId}", null);
        return status;
    }

    public void Dispose()
    {
        foreach (var session in sessions)
        {
            session.Dispose();
        }
    }

    /// <summary>A returned case is resubmitted first; otherwise a new one is filed.</summary>
    private async Task<bool> SchoolStepAsync(Session school)
    {
        var todo = await ListTodoAsync(school);
        if (todo is null)
        {
            return false;
        }

        if (todo.FirstOrDefault(t => t.Kind == "resubmit") is { } returned)
        {
            var (resubmitted, _) = await SendAsync(school, HttpMethod.Post, $"/api/tasks/{returned.TaskId}/resubmit", new JsonObject { ["comment"] = "已按意见补充材料" });
            if (resubmitted)
            {
                acknowledged.Enqueue(new Acknowledged("resubmit", school.UserName, returned.CaseId, returned.TaskId));
            }

            return resubmitted;
        }

        var filing = new JsonObject
        {
            ["definitionId"] = ChaosDefinition.Id,
            ["title"] = $"故障演练备案 {Interlocked.Increment(ref filed)}",
            ["form"] = new JsonObject(),
        };
        var (started, body) = await SendAsync(school, HttpMethod.Post, "/api/cases", filing);
        if (started)
        {
            using var json = JsonDocument.Parse(body!);
            acknowledged.Enqueue(new Acknowledged("start", school.UserName, json.RootElement.GetProperty("id").GetGuid(), null));
        }

        return started;
    }

    /// <summary>A reviewer takes a task at random from the first page of 待办: four in five approved, one returned.</summary>
    private async Task<bool> ReviewerStepAsync(Session reviewer)
    {
        var todo = await ListTodoAsync(reviewer);
        if (todo is null)
        {
            return false;
        }

        var open = todo.Where(t => t.Kind == "approval").ToList();
        if (open.Count == 0)
        {
            return true;
        }

        var task = open[Random.Shared.Next(open.Count)];
        var action = Random.Shared.Next(5) == 0 ? "return" : "approve";
        var comment = action == "return" ? "材料不全，请补充后重新提交" : "同意";
        var (decided, _) = await SendAsync(reviewer, HttpMethod.Post, $"/api/tasks/{task.TaskId}/{action}", new JsonObject { ["comment"] = comment });
        if (decided)
        {
            acknowledged.Enqueue(new Acknowledged(action, reviewer.UserName, task.CaseId, task.TaskId));
        }

        return decided;
    }

    private async Task<List<TodoItem>?> ListTodoAsync(Session session)
    {
        var (listed, body) = await SendAsync(session, HttpMethod.Get, "/api/tasks?list=todo&page=1&pageSize=20", null);
        if (!listed)
        {
            return null;
        }

        using var json = JsonDocument.Parse(body!);
        return [.. json.RootElement.GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("definitionId").GetString() == ChaosDefinition.Id)
            .Select(t => new TodoItem(Guid.Parse(t.GetProperty("taskId").GetString()!), Guid.Parse(t.GetProperty("caseId").GetString()!), t.GetProperty("kind").GetString()))];
    }

    /// <summary>Sends and counts the outcome; true with the body when the Host acknowledged it (2xx).</summary>
    private async Task<(bool Acknowledged, string? Body)> SendAsync(Session session, HttpMethod method, string path, JsonObject? body)
    {
        var (status, text) = await session.SendAsync(method, path, body);
        switch (status)
        {
            case null:
                Interlocked.Increment(ref connectionFailures);
                return (false, null);
            case >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous:
                return (true, text);
            case HttpStatusCode.Conflict:
                Interlocked.Increment(ref conflicts);
                return (false, null);
            case >= HttpStatusCode.InternalServerError:
                Interlocked.Increment(ref serverErrors);
                break;
            default:
                Interlocked.Increment(ref otherRefusals);
                break;
        }

        if (problems.Count < 10)
        {
            problems.Enqueue($"{method} {path} → {(int)status}: {text?[..Math.Min(text.Length, 300)]}");
        }

        return (false, null);
    }

    private sealed record TodoItem(Guid TaskId, Guid CaseId, string? Kind);

    /// <summary>A signed-in browser session: its cookies and the antiforgery header every write carries.</summary>
    private sealed class Session(HttpClient client, string userName) : IDisposable
    {
        public string UserName { get; } = userName;

        public static async Task<Session> SignInAsync(Uri address, string userName)
        {
            // Short-lived connections, so a session's requests move between the nodes behind the proxy.
            var handler = new SocketsHttpHandler
            {
                CookieContainer = new CookieContainer(),
                UseCookies = true,
                PooledConnectionLifetime = TimeSpan.FromSeconds(2),
            };
            var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            try
            {
                using (var login = await client.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName, password = Password }))
                {
                    login.EnsureSuccessStatusCode();
                }

                var antiforgery = await client.GetFromJsonAsync<JsonObject>(new Uri("/api/auth/antiforgery", UriKind.Relative))
                    ?? throw new InvalidOperationException("No antiforgery token.");
                client.DefaultRequestHeaders.Add((string)antiforgery["headerName"]!, (string)antiforgery["token"]!);
                return new Session(client, userName);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        /// <summary>The status and body, or (null, the error) when no answer came.</summary>
        public async Task<(HttpStatusCode? Status, string? Body)> SendAsync(HttpMethod method, string path, JsonObject? body)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            try
            {
                using var response = await client.SendAsync(request);
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Net.Sockets.SocketException)
            {
                return (null, e.Message);
            }
        }

        public void Dispose() => client.Dispose();
    }
}
