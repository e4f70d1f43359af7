using System.Net;
using System.Net.Http.Json;
using Approvals.Host.Startup;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Approvals.Host.Tests.Features.Security;

/// <summary>With every category logging at Trace, nothing secret reaches a log line: passwords, cookies, tokens, the mail password.</summary>
public sealed class SecretsInLogsTests : IDisposable
{
    private static readonly string[] SchoolApplicant = ["school_applicant"];

    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    [Fact]
    public async Task SignInCreateUserAndChangePassword_AtTraceLevel_LogNoSecret()
    {
        var logs = new LogCapture { MinimumLevel = LogLevel.Trace };
        var mailPassword = $"Smtp#{Guid.NewGuid():N}";
        await using var factory = new HostFactory(databaseFile)
        {
            Logs = logs,
            Settings = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
                ["Logging:Console:LogLevel:Default"] = "Warning",
                ["Approvals:Smtp:Password"] = mailPassword,
            },
        };
        var wrongPassword = $"Wrong#{Guid.NewGuid():N}";
        var newPassword = $"New#{Guid.NewGuid():N}";
        var changedPassword = $"Changed#{Guid.NewGuid():N}";
        var secrets = new List<string> { DemoData.Password, wrongPassword, newPassword, changedPassword, mailPassword };

        using (var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true }))
        {
            var wrong = await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "school", password = wrongPassword });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            var right = await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "school", password = DemoData.Password });
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            secrets.AddRange(CookieValues(right));
        }

        using var admin = await factory.SignInAsync("admin");
        secrets.Add(admin.DefaultRequestHeaders.GetValues("X-XSRF-TOKEN").Single());
        var created = await admin.PostAsJsonAsync("/api/users", new
        {
            userName = "newschool", displayName = "新学校经办人", email = "newschool@demo.invalid", orgId = SecurityWorld.OwnSchool,
            roles = SchoolApplicant, password = newPassword,
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var userId = (await ApiSteps.ReadAsync(created))["id"]!.GetValue<string>();
        var changed = await admin.PostAsJsonAsync($"/api/users/{userId}/password", new { password = changedPassword });
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
        using (var newcomer = factory.CreateClient())
        {
            var signedIn = await newcomer.PostAsJsonAsync("/api/auth/login", new { userName = "newschool", password = changedPassword });
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            secrets.AddRange(CookieValues(signedIn));
        }

        var connectionString = factory.Services.GetRequiredService<IConfiguration>().GetConnectionString("Approvals")!;
        secrets.Add(connectionString);
        var lines = logs.Lines;
        Assert.True(lines.Count(l => l.Level <= LogLevel.Debug) > 50, $"只记下了 {lines.Count} 行日志，其中 Debug/Trace 不足 50 行：日志级别没有生效");
        var leaks = (from line in lines
                     from secret in secrets
                     where line.Message.Contains(secret, StringComparison.Ordinal)
                     select $"[{line.Level}] {line.Category}: {line.Message}").Distinct().ToList();
        Assert.True(leaks.Count == 0, $"{lines.Count} 行日志中有 {leaks.Count} 行含有密码、Cookie、令牌或连接字符串：\n  " + string.Join("\n  ", leaks));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    /// <summary>The values of the cookies the response sets (the sign-in cookie, the antiforgery cookie).</summary>
    private static IEnumerable<string> CookieValues(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0].Split('=', 2)[1]).Where(v => v.Length >= 16)
            : throw new InvalidOperationException("登录回应没有设置 Cookie");
}
