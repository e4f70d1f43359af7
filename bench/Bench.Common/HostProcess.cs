// The real Host as a separate process, started from its build output on a free port the way `dotnet run` serves it:
// the web application from its wwwroot, the API, the demo organisations and users. By default on a fresh SQLite file
// that is deleted with it; given a connection string, on that database (an existing one, PostgreSQL, a seeded file).
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Approvals.Bench;

/// <summary>How to start the Host: its database and any configuration settings ("Section:Key" = value).</summary>
public sealed record HostOptions
{
    /// <summary>Null: a fresh SQLite file in the temporary folder, deleted when the process is disposed.</summary>
    public string? ConnectionString { get; init; }

    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The Host's own console output is kept for a failure's message; a long benchmark can drop it.</summary>
    public bool KeepOutput { get; init; } = true;

    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(90);
}

public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string? ownedDatabaseFile;
    private readonly bool keepOutput;

    private HostProcess(Process process, string connectionString, string? ownedDatabaseFile, Uri address, bool keepOutput)
    {
        this.process = process;
        this.ownedDatabaseFile = ownedDatabaseFile;
        this.keepOutput = keepOutput;
        ConnectionString = connectionString;
        Address = address;
    }

    public Uri Address { get; }

    public string ConnectionString { get; }

    /// <summary>Its SQLite file, for a test that writes many rows straight into it.</summary>
    public string DatabaseFile => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    /// <summary>From the process's start to the first 200 on <c>/health</c>.</summary>
    public TimeSpan StartedIn { get; private set; }

    public Process Process => process;

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

    public static Task<HostProcess> StartAsync() => StartAsync(new HostOptions());

    public static async Task<HostProcess> StartAsync(HostOptions options)
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
        string? ownedFile = null;
        var connectionString = options.ConnectionString;
        if (connectionString is null)
        {
            ownedFile = Path.Combine(Path.GetTempPath(), $"approvals-host-{Guid.NewGuid():N}.db");
            connectionString = $"Data Source={ownedFile}";
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = hostDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var arguments = new List<string>
        {
            dll, "--urls", address.ToString().TrimEnd('/'), "--contentRoot", hostDirectory,
            $"--ConnectionStrings:Approvals={connectionString}",
        };
        arguments.AddRange(options.Settings.Select(s => $"--{s.Key}={s.Value}"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new HostProcess(process, connectionString, ownedFile, address, options.KeepOutput);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilHealthyAsync(options.HealthTimeout);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        host.StartedIn = clock.Elapsed;
        return host;
    }

    /// <summary>Its working set now, in bytes.</summary>
    public long WorkingSet()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>Ends it at once, as SIGKILL would: no shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        if (ownedDatabaseFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { ownedDatabaseFile, ownedDatabaseFile + "-shm", ownedDatabaseFile + "-wal" })
            {
                File.Delete(file);
            }
        }
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Approvals.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Approvals.sln not found above the program's directory.");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (!keepOutput && output.Length > 64_000)
            {
                output.Clear();
            }

            output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
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

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"The Host did not become healthy within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
