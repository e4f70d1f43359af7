// One host for the export tests: a fake clock (Monday 2 March 2026, 09:00 in Beijing) so every issued date is
// known, the shipped processes (and their reference lists) and this folder's small selection batch.
using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Host.Tests.Features.Exports;

public sealed class ExportsHost : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly string databaseFile = HostFactory.NewDatabaseFile();
    private readonly string definitions = Directory.CreateTempSubdirectory("approvals-exports-").FullName;

    private readonly ConcurrentDictionary<string, Lazy<Task>> prepared = new(StringComparer.Ordinal);

    public FakeTimeProvider Clock { get; } = new(Start);

    public HostFactory Factory { get; private set; } = null!;

    public Task InitializeAsync()
    {
        var shipped = Path.Combine(RepositoryRoot(), "definitions");
        foreach (var file in Directory.GetFiles(shipped, "*.json", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(definitions, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Features", "Exports", "Definitions"), "*.json"))
        {
            File.Copy(file, Path.Combine(definitions, Path.GetFileName(file)));
        }

        Factory = new HostFactory(databaseFile, definitions) { Clock = Clock };
        Factory.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public Task<HttpClient> SignInAsync(string userName) => Factory.SignInAsync(userName);

    /// <summary>Data the tests of a class share, made once, by the first test that asks for it.</summary>
    public Task OnceAsync(string what, Func<Task> make) => prepared.GetOrAdd(what, _ => new Lazy<Task>(make)).Value;

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
        Directory.Delete(definitions, recursive: true);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Approvals.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
