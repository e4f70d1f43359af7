using System.Net;
using System.Net.Http.Json;
using Approvals.Host.Persistence;
using Approvals.Host.Startup;
using Microsoft.EntityFrameworkCore;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features.Security;

/// <summary>Guessing passwords: five wrong ones lock the account, every attempt is audited, and the sign-in rate is limited.</summary>
public sealed class SignInLockoutTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task FiveWrongPasswords_LockTheAccountEvenForTheRightOne_AndTheAuditHasEachFailureAndTheLock()
    {
        using var client = host.Factory.CreateClient();
        var userId = await host.Factory.QueryHostAsync(db => db.Users.Where(u => u.UserName == "school2").Select(u => u.Id).SingleAsync());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { userName = "school2", password = $"guess-{i}" })).StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/auth/login", new { userName = "school2", password = DemoData.Password });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.Locked], statuses);
        await AssertProblemAsync(right, HttpStatusCode.Locked);
        Assert.Contains("锁定", (await ReadAsync(right))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var audit = await host.Factory.QueryHostAsync(db => db.Audit.Where(a => a.UserId == userId).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([.. Enumerable.Repeat("sign-in-failed", 4), "sign-in-locked", "sign-in-locked"], audit);
        var lockoutEnd = await host.Factory.QueryHostAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LockoutEnd).SingleAsync());
        Assert.True(lockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10), $"锁定到 {lockoutEnd}");

        // The lock is the account's, not the caller's: another user signs in from the same place.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { userName = "school3", password = DemoData.Password })).StatusCode);
    }

    [Fact]
    public async Task UnknownUserName_IsRefusedInTheSameWordsAsAWrongPassword()
    {
        using var client = host.Factory.CreateClient();

        var unknown = await client.PostAsJsonAsync("/api/auth/login", new { userName = "no-such-user", password = "whatever-1" });
        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { userName = "finance", password = "whatever-1" });

        await AssertProblemAsync(unknown, HttpStatusCode.Unauthorized);
        Assert.Equal((await ReadAsync(wrong))["detail"]!.GetValue<string>(), (await ReadAsync(unknown))["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task MoreSignInsPerMinuteThanAllowed_Are429InChinese_AndNotEvenTried()
    {
        var databaseFile = HostFactory.NewDatabaseFile();
        try
        {
            await using var factory = new HostFactory(databaseFile) { Settings = new Dictionary<string, string?> { ["Approvals:SignInAttemptsPerMinute"] = "3" } };
            using var client = factory.CreateClient();
            for (var i = 0; i < 3; i++)
            {
                await AssertProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { userName = "education", password = $"guess-{i}" }), HttpStatusCode.Unauthorized);
            }

            var audited = await factory.QueryHostAsync((ApprovalsDb db) => db.Audit.CountAsync());
            var limited = await client.PostAsJsonAsync("/api/auth/login", new { userName = "education", password = DemoData.Password });

            await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
            Assert.Contains("频繁", (await ReadAsync(limited))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.False(limited.Headers.Contains("Set-Cookie"));
            Assert.Equal(audited, await factory.QueryHostAsync((ApprovalsDb db) => db.Audit.CountAsync()));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            HostFactory.DeleteDatabase(databaseFile);
        }
    }
}
