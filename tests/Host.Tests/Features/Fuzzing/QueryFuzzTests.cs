// Fuzz: generated query strings (paging, sizes, dates, sort keys, injection-like text, unknown and repeated keys) on the
// work lists, the case lists and the other GET endpoints that read the query, as a school and as an administrator.
// Never a 5xx, and nothing logged as an error.
using System.Text;
using Approvals.Tests.Fuzzing;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace Approvals.Host.Tests.Features.Fuzzing;

[Trait("Category", "Fuzz")]
public sealed class QueryFuzzTests(FuzzHost host, ITestOutputHelper output) : IClassFixture<FuzzHost>
{
    /// <summary>Each endpoint with the query keys it reads.</summary>
    private static readonly (string Path, string[] Keys)[] Endpoints =
    [
        ("/api/tasks", ["list", "definitionId", "q", "from", "to", "sort", "desc", "page", "pageSize"]),
        ("/api/tasks/counts", []),
        ("/api/definitions/major-addition-filing/cases", ["version", "page", "pageSize"]),
        ("/api/definitions/major-addition-filing", ["version"]),
        ("/api/definitions/major-addition-filing/diff", ["from", "to"]),
        ("/api/users", ["orgId", "q", "page", "pageSize"]),
        ("/api/notifications", ["unread", "page", "pageSize"]),
        ("/api/calendar", ["year"]),
        ("/api/calendar/working-days", ["from", "to"]),
        ("/api/reference-lists/majors", ["all"]),
        ("/api/cases/00000000-0000-0000-0000-000000000001/exports/notice", ["kind", "format", "days", "contact"]),
        ("/api/organizations/150100/exports/majors", ["format"]),
    ];

    public sealed record Input(string User, string Url)
    {
        public override string ToString() => $"{User} GET {Url}";
    }

    [Fact]
    public async Task Get_AnyQueryString_NeverFails()
    {
        var clients = new Dictionary<string, HttpClient>
        {
            ["school"] = await host.SignInAsync("school"),
            ["admin"] = await host.SignInAsync("admin"),
        };
        var inputs = FuzzRun.Inputs(Queries(), nameof(Get_AnyQueryString_NeverFails), FuzzRun.Runs * 3);

        try
        {
            await FuzzRun.CheckAsync(inputs, "query strings", async input =>
            {
                var mark = host.LogMark;
                var response = await clients[input.User].GetAsync(input.Url);
                return await FuzzHost.BadResponseAsync(response, anyRefusal: true) ?? host.ErrorsSince(mark);
            }, output.WriteLine);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private static Gen<string> Values { get; } = Gen.OneOf(
        Gen.Elements(
            "", "0", "-1", "1", "100", "101", "2147483647", "2147483648", "-2147483648", "99999999999999999999", "1e9", "1.5", "0x10",
            " 1", "NaN", "true", "false", "yes", "todo", "done", "mine", "cc", "overdue", "createdAt", "dueAt", "title", "xlsx", "csv",
            "pdf", "2024-02-30", "2024-13-01", "0001-01-01", "9999-12-31T23:59:59.9999999Z", "10000-01-01", "2024-09-23T09:00:00+08:00",
            "1970-01-01T00:00:00Z", "-0001-01-01", "2024-09-23 09:00", "' OR '1'='1", "1; DROP TABLE \"Instances\"", "%", "_", "\\", "*",
            "../..", "<script>", "{{7*7}}", "null", "undefined", "[]", "{}"),
        FuzzText.OddStrings.Where(s => s.Length < 5_000));

    /// <summary>An endpoint's keys (and unknown ones, and repeats) with generated values, escaped or raw.</summary>
    private static Gen<Input> Queries() =>
        from user in Gen.Elements("school", "admin")
        from endpoint in Gen.Elements(Endpoints)
        from count in Gen.Choose(0, 6)
        from pairs in Gen.ListOf(
            Gen.Zip(Gen.OneOf(Gen.Elements(endpoint.Keys.Append("page").ToArray()), Gen.Elements("x", "PAGE", "page[]", "list.list", "", "q\u0000")), Values),
            count)
        from escaped in Gen.Elements(true, true, false)
        select new Input(user, endpoint.Path + Query(pairs, escaped));

    private static string Query(IEnumerable<(string Key, string Value)> pairs, bool escaped)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            text.Append(text.Length == 0 ? '?' : '&')
                .Append(escaped ? Uri.EscapeDataString(key) : key)
                .Append('=')
                .Append(escaped ? Uri.EscapeDataString(value) : value.Replace("&", "%26", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal));
        }

        return text.ToString();
    }
}
