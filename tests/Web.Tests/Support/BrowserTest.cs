// What every browser test shares: the real Host on a free port with a fresh database, Debian's Chromium, signing a
// demo user in and out in a context of its own at 1366×768 on Beijing time, and screenshots kept as artefacts after checking that
// nothing overflows the window sideways.
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Approvals.Web.Tests.Support;

public abstract partial class BrowserTest : IAsyncLifetime
{
    public const string DemoPassword = "Demo#2026";

    private readonly string screenshots = Path.Combine(HostProcess.RepositoryRoot(), "TestResults", "screenshots");

    protected HostProcess Host { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    protected IPlaywright Playwright { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(screenshots);
        Host = await HostProcess.StartAsync();
        await PrepareAsync();
        (Playwright, Browser) = await Support.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    /// <summary>What a test puts in the Host's database before the browser starts.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected string Url(string path) => new Uri(Host.Address, path).ToString();

    /// <summary>Signs a demo user in from the sign-in page and waits for 工作台; the screenshot, if named, is of the filled sign-in form.</summary>
    protected async Task<IPage> SignInAsync(string userName, string? screenshot = null, string password = DemoPassword)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/"));
        await Assertions.Expect(page).ToHaveURLAsync(LoginPath());
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        if (screenshot is not null)
        {
            await ShotAsync(page, screenshot);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台" })).ToBeVisibleAsync();
        return page;
    }

    protected static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(LoginPath());
        await page.Context.CloseAsync();
    }

    /// <summary>A demo user signed in to the API, for the steps the test does not walk by page.</summary>
    protected async Task<ApiDesk> ApiAsync(string userName, string password = DemoPassword)
    {
        var request = await Playwright.APIRequest.NewContextAsync(new() { BaseURL = Host.Address.ToString() });
        var login = await request.PostAsync("/api/auth/login", new() { DataObject = new { userName, password } });
        Assert.True(login.Ok, $"{userName} could not sign in: {await login.TextAsync()}");
        var token = (await (await request.GetAsync("/api/auth/antiforgery")).JsonAsync())!.Value.GetProperty("token").GetString()!;
        return new ApiDesk(request, token);
    }

    /// <summary>Keeps the page (or one part of it) as a screenshot, after checking that nothing overflows the window sideways.</summary>
    protected async Task ShotAsync(IPage page, string name, ILocator? part = null)
    {
        var path = Path.Combine(screenshots, name + ".png");
        if (part is null)
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
        else
        {
            await part.ScreenshotAsync(new() { Path = path });
        }

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{name}: the page is {overflow}px wider than the window.");
    }

    [GeneratedRegex("/cases/[0-9a-f-]{36}$")]
    protected static partial Regex CasePath();

    [GeneratedRegex("/login$")]
    protected static partial Regex LoginPath();
}
