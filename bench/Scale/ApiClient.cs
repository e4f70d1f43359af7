// One demo user signed in to the Host over HTTP, the way the web application is: cookie, antiforgery token on writes.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Approvals.Bench.Scale;

internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient http;

    private ApiClient(HttpClient http) => this.http = http;

    public static async Task<ApiClient> SignInAsync(HostProcess host, string userName)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(2),
        };
        var client = new ApiClient(http);
        try
        {
            var login = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = "Demo#2026" });
            await EnsureAsync(login, $"sign-in of {userName}");
            var token = await http.GetFromJsonAsync<JsonObject>("/api/auth/antiforgery");
            http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token!["token"]!.GetValue<string>());
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        await EnsureAsync(response, path);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async Task<JsonNode?> PostAsync(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        await EnsureAsync(response, path);
        return response.Content.Headers.ContentLength == 0 ? null : await response.Content.ReadFromJsonAsync<JsonNode>();
    }

    public void Dispose() => http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
