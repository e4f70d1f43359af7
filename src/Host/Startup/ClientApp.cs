// The web application (ClientApp, built into wwwroot): its files, and index.html for every client route, so a
// bookmarked or reloaded page such as /cases/42 opens. The API and the operational endpoints never fall back.
namespace Approvals.Host.Startup;

internal static class ClientApp
{
    /// <summary>Paths owned by the server; an unknown one answers 404, not the application.</summary>
    private const string ServerPaths = "api|health|metrics|hangfire|scalar|openapi";

    public static IApplicationBuilder UseClientAppFiles(this IApplicationBuilder app) => app.UseDefaultFiles().UseStaticFiles();

    public static IEndpointRouteBuilder MapClientApp(this IEndpointRouteBuilder app)
    {
        app.MapFallbackToFile($"{{*path:nonfile:regex(^(?!({ServerPaths})(/|$)).*$)}}", "index.html");
        return app;
    }
}
