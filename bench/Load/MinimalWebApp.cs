// The baseline for the Host's start-up time and memory: an ASP.NET Core application with one /health endpoint and
// nothing else, started the way HostProcess starts the Host (a separate `dotnet` process on a free port, timed from
// the process's start to its first 200 on /health).
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Approvals.Bench.Load;

public sealed class MinimalWebApp : IAsyncDisposable
{
    /// <summary>The first argument that makes the program serve the minimal application instead of running a benchmark.</summary>
    public const string Mode = "empty-web";

    private readonly Process process;

    private MinimalWebApp(Process process) => this.process = process;

    /// <summary>From the process's start to the first 200 on <c>/health</c>.</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>Serves /health until the process is killed (the empty-web mode).</summary>
    public static async Task ServeAsync(string[] args)
    {
        var app = WebApplication.CreateBuilder(args).Build();
        app.MapGet("/health", () => "healthy");
        await app.RunAsync();
    }

    /// <summary>Starts the minimal application from this program's own build output and waits for its first 200.</summary>
    public static async Task<MinimalWebApp> StartAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(HostProcess.RepositoryRoot(), "bench", "Load", "bin", configuration, "net10.0", "Approvals.Bench.Load.dll");
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, Mode, "--urls", address.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        var app = new MinimalWebApp(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
        app.process.OutputDataReceived += (_, _) => { };
        app.process.ErrorDataReceived += (_, _) => { };
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync(address);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        app.StartedIn = clock.Elapsed;
        return app;
    }

    /// <summary>Its working set now, in bytes.</summary>
    public long WorkingSet()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilHealthyAsync(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The minimal web application exited with code {process.ExitCode}.");
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

        throw new InvalidOperationException("The minimal web application did not answer /health within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
