// The real Host as a separate process, started from its build output on a free port with a fresh SQLite file, the
// way `dotnet run` serves it: the web application from its wwwroot, the API, the demo organisations and users.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Approvals.Web.Tests.Support;

public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string databaseFile;

    private HostProcess(Process process, string databaseFile, Uri address)
    {
        this.process = process;
        this.databaseFile = databaseFile;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Its SQLite file, for a test that writes many rows straight into it.</summary>
    public string DatabaseFile => databaseFile;

    /// <summary>What the Host printed, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<HostProcess> StartAsync()
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var hostDirectory = Path.Combine(root, "src", "Host");
        var dll = Path.Combine(hostDirectory, "bin", configuration, "net10.0", "Approvals.Host.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The Host is not built: {dll} is missing (build the solution first).");
        }

        if (!File.Exists(Path.Combine(hostDirectory, "wwwroot", "index.html")))
        {
            throw new InvalidOperationException("The web application is not built: src/Host/wwwroot/index.html is missing (the Host's build runs npm).");
        }

        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var databaseFile = Path.Combine(Path.GetTempPath(), $"approvals-web-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = hostDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     dll, "--urls", address.ToString().TrimEnd('/'), "--contentRoot", hostDirectory,
                     $"--ConnectionStrings:Approvals=Data Source={databaseFile}",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new HostProcess(process, databaseFile, address);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        foreach (var file in new[] { databaseFile, databaseFile + "-shm", databaseFile + "-wal" })
        {
            File.Delete(file);
        }
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Approvals.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Approvals.sln not found above the test's directory.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The Host exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"The Host did not become healthy within 90 s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
