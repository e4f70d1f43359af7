using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.Features.Security.AuthorizationMatrix;

namespace Approvals.Host.Tests.Features.Security;

/// <summary>
/// Every state-changing endpoint of the route table refuses a request that carries the sign-in cookie but not the
/// antiforgery token (what a forged cross-site request looks like), from a caller who would otherwise be allowed,
/// and writes nothing; and an id of another organisation's object answers exactly as an id of nothing (IDOR).
/// </summary>
public sealed class RequestForgeryTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>Sign-in is the one write without the token: it reads JSON only, which a cross-site form cannot send.</summary>
    private const string SignIn = "POST /api/auth/login";

    /// <summary>Who sends the forged write: the first of them the matrix allows to make it.</summary>
    private static readonly string[] Senders = ["admin", "school", "hohhot", "province"];

    [Fact]
    public async Task EveryWrite_WithTheCookieButNoAntiforgeryToken_Is400AndWritesNothing()
    {
        using var world = await SecurityWorld.BuildAsync(host.Factory);
        var writes = world.Endpoints().Where(e => e.Method is not ("GET" or "HEAD" or "*")).ToList();
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        var failures = new List<string>();
        try
        {
            foreach (var (method, pattern) in writes.Where(e => $"{e.Method} {e.Pattern}" != SignIn))
            {
                var rule = Rules[$"{method} {pattern}"];
                var actor = Senders.First(a => Expect(rule, a) == Outcome.Allowed);
                if (!clients.TryGetValue(actor, out var client))
                {
                    client = clients[actor] = await world.SignInWithoutAntiforgeryAsync(actor);
                }

                var before = await world.CountRowsAsync();
                var response = await SecurityWorld.SendAsync(client, method, world.Path(pattern), rule.Body?.Invoke(world) ?? new JsonObject());
                var written = (await world.CountRowsAsync()).Where(t => before[t.Key] != t.Value).Select(t => t.Key).ToList();
                if (!await IsAntiforgeryRefusalAsync(response) || written.Count > 0)
                {
                    failures.Add($"{method} {pattern} 由 {actor} 不带防伪令牌调用：得到 {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}，写了表 [{string.Join(", ", written)}]");
                }
            }

            Assert.True(failures.Count == 0, $"{writes.Count - 1} 个写端点中 {failures.Count} 个没有拒绝缺少防伪令牌的请求：\n  " + string.Join("\n  ", failures));
            Assert.True(writes.Count > 40, $"路由表里只找到 {writes.Count} 个写端点");

            // The upload turns the framework's form check off; the API's own check still refuses a real file.
            var uploads = await world.CountRowsAsync();
            var upload = await SecurityWorld.UploadAsync(clients["school"], "协议.pdf", SecurityWorld.PdfContent());
            Assert.True(await IsAntiforgeryRefusalAsync(upload), await upload.Content.ReadAsStringAsync());
            Assert.Equal(uploads["app_attachments"], (await world.CountRowsAsync())["app_attachments"]);

            // Sign-out refused: the session is still there.
            Assert.Equal(HttpStatusCode.OK, (await clients["admin"].GetAsync("/api/auth/me")).StatusCode);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task SignIn_FromACrossSiteForm_IsRefusedAndSignsNobodyIn()
    {
        using var client = host.Factory.CreateClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = Approvals.Host.Startup.DemoData.Password });

        var response = await client.PostAsync("/api/auth/login", form);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task EveryIdRoute_AnotherOrganisationsObject_AnswersAsAnIdOfNothingAndWritesNothing()
    {
        using var world = await SecurityWorld.BuildAsync(host.Factory);
        var routes = world.Endpoints()
            .Where(e => e.Pattern.Contains('{', StringComparison.Ordinal) && Rules[$"{e.Method} {e.Pattern}"].Access is Access.SchoolA or Access.Owner)
            .ToList();
        var outsiders = SecurityWorld.UserNames.Where(u => Expect(Rules["GET /api/cases/{id:guid}"], u) == Outcome.Hidden).ToList();
        var failures = new List<string>();
        var probes = 0;
        foreach (var (method, pattern) in routes)
        {
            var rule = Rules[$"{method} {pattern}"];
            foreach (var outsider in outsiders)
            {
                var body = method == "GET" ? null : rule.Body?.Invoke(world) ?? new JsonObject();
                var before = body is null ? null : await world.CountRowsAsync();
                var theirs = await SecurityWorld.SendAsync(world[outsider], method, world.Path(pattern), body);
                var written = before is null ? [] : (await world.CountRowsAsync()).Where(t => before[t.Key] != t.Value).Select(t => t.Key).ToList();
                var nothing = await SecurityWorld.SendAsync(world[outsider], method, world.Path(pattern, unknown: true), body);
                probes++;
                var (theirStatus, theirDetail) = await DescribeAsync(theirs);
                var (nothingStatus, nothingDetail) = await DescribeAsync(nothing);
                if (theirStatus is not (404 or 403) || (theirStatus, theirDetail) != (nothingStatus, nothingDetail) || written.Count > 0
                    || (await theirs.Content.ReadAsStringAsync()).Contains(world.Secret, StringComparison.Ordinal))
                {
                    failures.Add($"{method} {pattern} 由 {outsider}：学校 A 的对象得到 {theirStatus}“{theirDetail}”，不存在的对象得到 {nothingStatus}“{nothingDetail}”，写了表 [{string.Join(", ", written)}]");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{probes} 次越权探测中 {failures.Count} 次泄露了对象的存在或内容：\n  " + string.Join("\n  ", failures));
        Assert.True(routes.Count >= 25 && outsiders.Count >= 6, $"只探测了 {routes.Count} 个带 id 的端点、{outsiders.Count} 个外单位用户");
    }

    private static async Task<bool> IsAntiforgeryRefusalAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        return problem!["title"]!.GetValue<string>() == "防伪校验失败";
    }

    private static async Task<(int Status, string? Detail)> DescribeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var detail = text.StartsWith('{') ? JsonNode.Parse(text)?["detail"]?.GetValue<string>() : text;
        return ((int)response.StatusCode, detail);
    }
}
