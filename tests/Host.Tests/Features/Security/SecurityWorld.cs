// The objects the security tests aim at, all of one school (呼和浩特技师学院, school A): an uploaded attachment, a
// filing case naming it, the city's open task on that case, the city reviewer's notification, an administrator's
// draft; one signed-in client per demo user (and an anonymous one); the route table; and the database's row counts,
// to prove a refused request wrote nothing.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Features.Majors;
using Approvals.Host.Features.Organizations;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features.Security;

internal sealed class SecurityWorld : IDisposable
{
    /// <summary>The school that owns every object, and its city.</summary>
    public static readonly string OwnSchool = InnerMongolia.SchoolId("150100", 1);

    /// <summary>The signed-in actors: one of every role, and of the school and city roles one on each side of school A's wall.</summary>
    public static readonly IReadOnlyList<string> UserNames =
        ["school", "school2", "school3", "hohhot", "baotou", "province", "expert1", "education", "finance", "admin"];

    private readonly Dictionary<string, HttpClient> clients = new(StringComparer.Ordinal);

    private SqliteConnection? counting;

    private SecurityWorld(HostFactory factory) => Factory = factory;

    public HostFactory Factory { get; }

    /// <summary>Text that appears only in school A's case form and attachment: a refusal that shows it has leaked them.</summary>
    public string Secret { get; } = $"机密{Guid.NewGuid():N}"[..14];

    public string CaseId { get; private set; } = "";

    public string TaskId { get; private set; } = "";

    public string AttachmentId { get; private set; } = "";

    public long NotificationId { get; private set; }

    public string UserId { get; private set; } = "";

    public HttpClient Anonymous { get; private set; } = null!;

    public HttpClient this[string userName] => clients[userName];

    public static async Task<SecurityWorld> BuildAsync(HostFactory factory)
    {
        var world = new SecurityWorld(factory);
        foreach (var userName in UserNames)
        {
            world.clients[userName] = await factory.SignInAsync(userName);
        }

        world.Anonymous = factory.CreateClient();
        await world.CreateObjectsAsync();
        return world;
    }

    /// <summary>Every endpoint of the route table as (method, route pattern); a pattern without methods answers every method and is listed as "*".</summary>
    public IReadOnlyList<(string Method, string Pattern)> Endpoints() =>
    [
        .. Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (m, e.RoutePattern.RawText ?? "")))
            .Distinct()
            .OrderBy(e => e.Item2, StringComparer.Ordinal).ThenBy(e => e.m, StringComparer.Ordinal),
    ];

    /// <summary>A client signed in as the user whose requests carry the cookies but not the antiforgery header.</summary>
    public async Task<HttpClient> SignInWithoutAntiforgeryAsync(string userName)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Approvals.Host.Startup.DemoData.Password });
        response.EnsureSuccessStatusCode();
        var token = await client.GetFromJsonAsync<JsonObject>("/api/auth/antiforgery");
        Assert.False(string.IsNullOrEmpty(token!["token"]!.GetValue<string>()));
        return client;
    }

    /// <summary>The pattern with school A's objects in its parameters; or, <paramref name="unknown"/>, with ids that name nothing.</summary>
    public string Path(string pattern, bool unknown = false)
    {
        if (unknown)
        {
            var nothing = Replace(pattern, "id", () => pattern switch
            {
                _ when pattern.Contains("{id:long}", StringComparison.Ordinal) => "987654321",
                _ when pattern.Contains("{id:guid}", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
                _ => "no-such-object",
            });
            return Path(Replace(nothing, "orgId", () => "159999-99"));
        }

        if (pattern.StartsWith("{*path", StringComparison.Ordinal))
        {
            return "/cases/42";
        }

        var path = Replace(pattern, "id", () => pattern switch
        {
            _ when pattern.StartsWith("/api/cases/", StringComparison.Ordinal) => CaseId,
            _ when pattern.StartsWith("/api/tasks/", StringComparison.Ordinal) => TaskId,
            _ when pattern.StartsWith("/api/attachments/", StringComparison.Ordinal) => AttachmentId,
            _ when pattern.StartsWith("/api/notifications/", StringComparison.Ordinal) => NotificationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ when pattern.StartsWith("/api/definitions/", StringComparison.Ordinal) => "major-addition-filing",
            _ when pattern.StartsWith("/api/users/", StringComparison.Ordinal) => UserId,
            _ when pattern.StartsWith("/api/organizations/", StringComparison.Ordinal) => OwnSchool,
            _ => throw new InvalidOperationException($"不知道 {pattern} 的 id 指什么对象"),
        });
        path = Replace(path, "orgId", () => OwnSchool);
        path = Replace(path, "code", () => "0103");
        path = Replace(path, "collection", () => Registers.All.Keys.First());
        path = Replace(path, "listId", () => "majors");
        path = Replace(path, "date", () => "2026-10-01");
        path = Replace(path, "documentName", () => "v1");
        return path;
    }

    private static string Replace(string pattern, string name, Func<string> value) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, $@"\{{{name}(:[^}}]*)?\??\}}", _ => value());

    /// <summary>
    /// Tables filled in the background, never by a request: the outbox dispatcher's, from notices already in wf_outbox (a
    /// request that wrote nothing can see them grow from an earlier request's notice, and a request that did write
    /// shows in wf_outbox), and the journal audit's one row of progress, which its minutely job adds on its first run
    /// (once in CI in the middle of a probe).
    /// </summary>
    private static readonly HashSet<string> DeliveredLater = new(StringComparer.Ordinal) { "app_notifications", "app_mail_outbox", "wf_journal_audit" };

    /// <summary>Rows in every table of the database but those filled in the background, by table.</summary>
    public async Task<Dictionary<string, long>> CountRowsAsync()
    {
        if (counting is null)
        {
            counting = new SqliteConnection(Factory.Services.GetRequiredService<IConfiguration>().GetConnectionString("Approvals"));
            await counting.OpenAsync();
        }

        var connection = counting;
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (!DeliveredLater.Contains(reader.GetString(0)))
                {
                    tables.Add(reader.GetString(0));
                }
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    /// <summary>The request with the JSON body (none for null), its response read whole.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, JsonNode? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public static ByteArrayContent PdfContent(string text = "hello") =>
        new(System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Title ({text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, HttpContent file)
    {
        using var form = new MultipartFormDataContent();
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        var response = await client.PostAsync("/api/attachments", form);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Anonymous?.Dispose();
        counting?.Dispose();
    }

    private async Task CreateObjectsAsync()
    {
        var school = this["school"];
        var uploaded = await UploadAsync(school, $"{Secret}.pdf", PdfContent(Secret));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        AttachmentId = (await ReadAsync(uploaded))["id"]!.GetValue<string>();

        var form = MajorForm(Secret);
        form["evidence"] = new JsonArray(AttachmentId);
        var started = await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        CaseId = (await ReadAsync(started))["id"]!.GetValue<string>();
        TaskId = await TodoTaskAsync(this["hohhot"], CaseId);

        await Factory.DispatchAsync();
        var notifications = await ReadAsync(await this["hohhot"].GetAsync("/api/notifications"));
        NotificationId = notifications["items"]!.AsArray()[0]!["id"]!.GetValue<long>();

        var users = await this["admin"].GetFromJsonAsync<JsonObject>("/api/users?q=school2");
        UserId = users!["items"]!.AsArray()[0]!["id"]!.GetValue<string>();

        // A day off to delete (already there when a second world is built on the same host).
        var holiday = await this["admin"].PostAsJsonAsync("/api/calendar/overrides", new { date = "2026-10-01", isOffDay = true, name = "国庆节" });
        Assert.True(holiday.IsSuccessStatusCode || holiday.StatusCode == HttpStatusCode.Conflict, await holiday.Content.ReadAsStringAsync());

        var definition = await ReadAsync(await this["admin"].GetAsync("/api/definitions/major-addition-filing"));
        var draft = await this["admin"].PutAsJsonAsync("/api/definitions/major-addition-filing/draft", definition["definition"] ?? definition);
        Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());
    }
}
