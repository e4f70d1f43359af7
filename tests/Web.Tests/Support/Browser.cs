// Debian's Chromium driven by Playwright; never a downloaded browser. A missing Chromium fails the test with how to
// install it, rather than skipping it.
using Microsoft.Playwright;

namespace Approvals.Web.Tests.Support;

public static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Chromium keeps only the last <c>--disable-features</c>, so this repeats the list Playwright passes and adds the
    /// address bar's WebUI pop-ups. Every new browser window loads those in a renderer of their own, and a test opens a
    /// new window seconds before it measures: in a trace of 工作台's first load they took 0.6 s of CPU on this 2-core
    /// machine while the page loaded. They belong to the browser's window, not to the page: a person's browser loads
    /// them once per window.
    /// </summary>
    private const string DisabledFeatures =
        "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,DialMediaRouteProvider,"
        + "GlobalMediaControls,HttpsUpgrades,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,"
        + "BlockOriginHeaderModificationOnRedirect,AvoidCorsURLLoaderRestartOnRedirect,Translate,AutoDeElevate,"
        + "OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,WebUIOmniboxPopup,WebUIOmniboxAimPopup";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ChromiumPath}: the browser tests need Debian's Chromium (apt-get install -y chromium; .ci/run installs it).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", DisabledFeatures,
            ],
        });
        return (playwright, browser);
    }
}
