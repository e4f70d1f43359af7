// The web application's own unit tests (Vitest: the form generator and the work-list state) as part of `dotnet test`.
using System.Diagnostics;
using Approvals.Web.Tests.Support;

namespace Approvals.Web.Tests;

public sealed class ClientAppUnitTests
{
    [Fact]
    public async Task Vitest_suite_passes()
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = Path.Combine(HostProcess.RepositoryRoot(), "src", "Host", "ClientApp"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("test");
        start.Environment["NO_COLOR"] = "1";
        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();

        var log = await output + await errors;
        Assert.True(npm.ExitCode == 0, $"npm test failed:\n{log}");
        Assert.Matches(@"Tests\s+\d+ passed", log);
    }
}
