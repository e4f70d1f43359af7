// The host the fuzz tests hit: one real host on its own SQLite file whose log lines are kept, and the checks every
// fuzzed response must pass (never a 5xx, a refusal is ProblemDetails in Chinese, nothing logged as an error).
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Approvals.Host.Tests.Features.Fuzzing;

public sealed class FuzzHost : IAsyncLifetime
{
    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    public LogCapture Logs { get; } = new();

    public HostFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new HostFactory(databaseFile) { Logs = Logs };
        Factory.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public Task<HttpClient> SignInAsync(string userName) => Factory.SignInAsync(userName);

    /// <summary>How many lines have been logged: the mark <see cref="ErrorsSince"/> counts from.</summary>
    public int LogMark => Logs.Lines.Count;

    /// <summary>The error-level (or worse) lines logged since the mark, e.g. an unhandled exception.</summary>
    public string? ErrorsSince(int mark)
    {
        var errors = Logs.Lines.Skip(mark).Where(l => l.Level >= LogLevel.Error).ToList();
        return errors.Count == 0 ? null : $"logged {errors.Count} error(s): {FuzzText.Cut(errors[0].Category + ": " + errors[0].Message)}";
    }

    /// <summary>
    /// What is wrong with a response to a fuzzed request, or null: a 5xx is always wrong; a 4xx must be ProblemDetails
    /// (application/problem+json, its status, a Chinese title) unless <paramref name="anyRefusal"/> (a refusal of the
    /// framework's own, such as a query value it cannot bind, is only required not to be a 5xx).
    /// </summary>
    public static async Task<string?> BadResponseAsync(HttpResponseMessage response, bool anyRefusal = false)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return $"{status}: {FuzzText.Cut(body)}";
        }

        if (status < 400 || anyRefusal || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && body.Length == 0)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}: {FuzzText.Cut(body)}";
        }

        try
        {
            var problem = JsonNode.Parse(body)!.AsObject();
            return problem["status"]?.GetValue<int>() != status ? $"{status} whose body says status {problem["status"]}"
                : problem["title"]?.GetValue<string>() is not { } title || !FuzzText.Chinese(title) ? $"{status} without a Chinese title: {FuzzText.Cut(body)}"
                : null;
        }
        catch (JsonException)
        {
            return $"{status} whose body is not JSON: {FuzzText.Cut(body)}";
        }
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }
}
