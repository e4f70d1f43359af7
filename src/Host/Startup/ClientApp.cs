// The web application (ClientApp, built into wwwroot): its files, and index.html for every client route, so a
// bookmarked or reloaded page such as /cases/42 opens. The API and the operational endpoints never fall back.
// index.html is checked on every visit; the files under assets/ carry a hash of their content in their names, so a
// browser keeps them for good.
namespace Approvals.Host.Startup;

internal static class ClientApp
{
    /// <summary>Paths owned by the server; an unknown one answers 404, not the application.</summary>
    private const string ServerPaths = "api|health|metrics|hangfire|scalar|openapi";

    private static readonly StaticFileOptions Files = new()
    {
        OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
            file.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache",
    };

    public static IApplicationBuilder UseClientAppFiles(this IApplicationBuilder app) => app.UseDefaultFiles().UseStaticFiles(Files);

    public static IEndpointRouteBuilder MapClientApp(this IEndpointRouteBuilder app)
    {
        app.MapFallbackToFile($"{{*path:nonfile:regex(^(?!({ServerPaths})(/|$)).*$)}}", "index.html", Files);
        return app;
    }
}
