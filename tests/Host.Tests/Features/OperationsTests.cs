using System.Net;

namespace Approvals.Host.Tests.Features;

/// <summary>The operator's doors: Hangfire dashboard for administrators only, metrics, the API description.</summary>
public sealed class OperationsTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("province")]
    [InlineData("school")]
    public async Task Dashboard_NonAdministrator_IsRefused(string userName)
    {
        using var client = await host.SignInAsync(userName);

        var response = await client.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_Anonymous_IsRefused()
    {
        using var client = host.Factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_Administrator_SeesTheTimerSweep()
    {
        using var admin = await host.SignInAsync("admin");

        var page = await admin.GetStringAsync("/hangfire/recurring");

        Assert.Contains("timer-sweep", page);
    }

    [Fact]
    public async Task Metrics_AfterARequest_CountsIt()
    {
        using var client = await host.SignInAsync("hohhot");
        await client.GetAsync("/api/tasks?list=todo");

        var text = await host.Factory.CreateClient().GetStringAsync("/metrics");

        Assert.Contains("http_requests_received_total", text);
        Assert.Contains("/api/tasks", text);
    }

    [Fact]
    public async Task OpenApi_DescribesTheApiAndScalarServesIt()
    {
        using var client = host.Factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/tasks/{id}/approve", document);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/v1")).StatusCode);
    }
}
