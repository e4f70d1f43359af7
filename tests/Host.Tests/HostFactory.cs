// The real host on a fresh SQLite file of its own, optionally with another definitions folder.
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Approvals.Host.Tests;

public sealed class HostFactory(string databaseFile, string? definitionsPath = null) : WebApplicationFactory<Program>
{
    public static string NewDatabaseFile() => Path.Combine(Path.GetTempPath(), $"approvals-host-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Approvals", $"Data Source={databaseFile};Pooling=False");
        if (definitionsPath is not null)
        {
            builder.UseSetting("Approvals:DefinitionsPath", definitionsPath);
        }
    }

    public static void DeleteDatabase(string file)
    {
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }
}
