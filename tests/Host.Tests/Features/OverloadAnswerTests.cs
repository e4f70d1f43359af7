// A database too busy to answer (no free pooled connection, a command past its time, SQLite's lock not granted)
// is answered 503 with Retry-After and a Chinese ProblemDetails, not 500; any other exception stays a 500.
using System.Text.Json;
using Approvals.Host.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Approvals.Host.Tests.Features;

public sealed class OverloadAnswerTests
{
    public static TheoryData<Exception, int, string> Cases => new()
    {
        { new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new TimeoutException("The operation has timed out.")), 503, "系统繁忙" },
        { new TimeoutException("The connection pool has been exhausted."), 503, "系统繁忙" },
        { new InvalidOperationException("wrapped", new SqliteException("database is locked", 5)), 503, "系统繁忙" },
        { new InvalidOperationException("wrapped", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300")), 503, "系统繁忙" },
        { new SqliteException("no such table: wf_tasks", 1), 500, "服务器内部错误" },
        { new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"), 500, "服务器内部错误" },
        { new InvalidOperationException("a bug"), 500, "服务器内部错误" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Exception_IsAnsweredByWhatItMeans(Exception exception, int status, string title)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddProblemDetails(options => options.CustomizeProblemDetails = ChineseProblems.Customize)
            .BuildServiceProvider();
        var handler = new ApiExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<ApiExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Path = "/api/cases";
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(status == 503 ? "5" : "", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(title, body.RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain("timed out", body.RootElement.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
