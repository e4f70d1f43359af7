using System.Net;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.Features.Security.AuthorizationMatrix;

namespace Approvals.Host.Tests.Features.Security;

/// <summary>
/// Every endpoint of the route table × every role × school A's own side and the other side of its wall: the answer
/// the matrix expects; and a refusal neither shows school A's object nor writes a row.
/// </summary>
public sealed class AuthorizationMatrixTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>Anonymous (null), then one user of every role, with the school and city roles on both sides of school A's wall.</summary>
    private static readonly IReadOnlyList<string?> Actors = [null, .. SecurityWorld.UserNames];

    [Fact]
    public async Task EveryEndpoint_ForEveryRoleAndOrganisation_AnswersAsTheMatrixSays()
    {
        using var world = await SecurityWorld.BuildAsync(host.Factory);
        var endpoints = world.Endpoints();
        var keys = endpoints.Select(e => $"{e.Method} {e.Pattern}").ToList();
        var unclassified = keys.Where(k => !Rules.ContainsKey(k)).ToList();
        Assert.True(unclassified.Count == 0,
            "路由表中这些端点在授权矩阵里没有规则，请在 AuthorizationMatrix.Rules 中写明谁可以调用：\n  " + string.Join("\n  ", unclassified));
        var stale = Rules.Keys.Except(keys).ToList();
        Assert.True(stale.Count == 0, "授权矩阵里这些规则已没有对应的端点，请删除：\n  " + string.Join("\n  ", stale));

        var failures = new List<string>();
        var checks = 0;
        foreach (var (method, pattern) in endpoints.OrderBy(e => Rules[$"{e.Method} {e.Pattern}"].Last).ThenBy(e => e.Method != "GET"))
        {
            var rule = Rules[$"{method} {pattern}"];
            var path = world.Path(pattern);
            var verb = method == "*" ? "GET" : method;
            var writes = verb is not ("GET" or "HEAD");

            // Those to be refused go first, while the object is as it was made; their rows are counted around them.
            var before = writes ? await world.CountRowsAsync() : null;
            foreach (var actor in Actors.OrderBy(a => Expect(rule, a) == Outcome.Allowed))
            {
                var expected = Expect(rule, actor);
                if (expected == Outcome.Allowed && before is not null)
                {
                    failures.AddRange(await WrittenAsync(world, before, $"{method} {pattern}"));
                    before = null;
                }

                using var client = pattern == "/api/auth/logout" && actor is not null ? await host.SignInAsync(actor) : null;
                var caller = client ?? (actor is null ? world.Anonymous : world[actor]);
                var body = expected == Outcome.Allowed ? new JsonObject() : rule.Body?.Invoke(world) ?? new JsonObject();
                var response = await SecurityWorld.SendAsync(caller, verb, path, writes ? body : null);
                checks++;
                if (await CheckAsync(world, rule, expected, response) is { } problem)
                {
                    failures.Add($"{method} {pattern} 由 {actor ?? "匿名"} 调用：应为 {expected}，{problem}");
                }
            }

            if (before is not null)
            {
                failures.AddRange(await WrittenAsync(world, before, $"{method} {pattern}"));
            }
        }

        Assert.True(failures.Count == 0, $"{checks} 次调用中 {failures.Count} 次不符合授权矩阵：\n  " + string.Join("\n  ", failures));
        Assert.True(checks >= keys.Count * Actors.Count, $"只检查了 {checks} 次调用");
    }

    /// <summary>The timer dashboard is middleware, not a route of the table: administrators only, checked here by hand.</summary>
    [Fact]
    public async Task TimerDashboard_OutsideTheRouteTable_IsForAdministratorsOnly()
    {
        using var anonymous = host.Factory.CreateClient();
        using var school = await host.SignInAsync("school");
        using var province = await host.SignInAsync("province");
        using var admin = await host.SignInAsync("admin");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await province.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire")).StatusCode);
    }

    /// <summary>Null when the response is the expected one; otherwise what is wrong with it.</summary>
    private static async Task<string?> CheckAsync(SecurityWorld world, Rule rule, Outcome expected, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        if (expected != Outcome.Allowed && text.Contains(world.Secret, StringComparison.Ordinal))
        {
            return $"得到 {status}，且回应中出现了学校 A 的内容：{Clip(text)}";
        }

        var right = expected switch
        {
            Outcome.Unauthenticated => status == 401 && problem,
            Outcome.Forbidden => status == 403 && problem,
            Outcome.Hidden => status is 404 or 403 && problem,
            _ => status < 500 && status is not (401 or 403)
                 && (status != 404 || rule.NoSuchResult || rule.Access == Access.Public),
        };
        return right ? null : $"得到 {status}：{Clip(text)}";
    }

    private static async Task<IEnumerable<string>> WrittenAsync(SecurityWorld world, Dictionary<string, long> before, string endpoint)
    {
        var after = await world.CountRowsAsync();
        return after.Where(t => before.GetValueOrDefault(t.Key) != t.Value)
            .Select(t => $"{endpoint}：被拒绝的调用写了表 {t.Key}（{before.GetValueOrDefault(t.Key)} → {t.Value} 行）");
    }

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
