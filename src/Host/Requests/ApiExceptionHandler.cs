// Turns what the framework throws for a bad request (unreadable JSON, wrong types, too large) into a Chinese
// ProblemDetails, and a database too busy to answer in time (no free connection, a timed-out command, a write lock
// not granted) into 503 with Retry-After: the request's transaction was rolled back, so trying again is safe.
// Anything else is a bug, logged, answered 500 without internals.
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Approvals.Host.Requests;

internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (413, "内容过大", "请求内容超过了允许的大小。", null),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                (415, "不支持的内容类型", "请求的内容类型不受支持，请以 JSON（application/json）提交。", null),
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, "请求参数有误", "请求内容不是有效的 JSON，或字段类型不正确。", Field(json)),
            BadHttpRequestException bad =>
                (bad.StatusCode, "请求参数有误", "请求格式不正确：缺少必需的内容，或参数的类型不正确。", Parameter(bad)),
            InvalidDataException =>
                (413, "内容过大", "上传的文件超过了允许的大小。", null),
            _ when IsOverload(exception) =>
                (503, "系统繁忙", "当前办理的人较多，数据库未能及时响应，本次操作没有生效，请稍后重试。", null),
            _ => (500, "服务器内部错误", "服务器处理请求时出错，已记录，请稍后重试或联系管理员。", null),
        };

        if (status == 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (status == 503)
        {
            LogOverloaded(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = status;
        var details = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail }
            : new Microsoft.AspNetCore.Mvc.ValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>
    /// Somewhere in the chain: a timeout (a connection pool with no free connection, a command past its time), SQLite's
    /// busy or locked after its busy timeout, or PostgreSQL's too many connections or statement timeout.
    /// </summary>
    private static bool IsOverload(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException
                or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }
                or Npgsql.PostgresException { SqlState: "53300" or "57014" })
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, string[]> Field(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        return new() { [path] = [$"字段“{path}”的值无法识别：格式或类型不正确。"] };
    }

    /// <summary>The framework names the parameter it could not bind in quotes; report it under that name.</summary>
    private static Dictionary<string, string[]>? Parameter(BadHttpRequestException bad)
    {
        var match = ParameterName().Match(bad.Message);
        if (!match.Success)
        {
            return null;
        }

        var name = char.ToLowerInvariant(match.Groups[1].Value[0]) + match.Groups[1].Value[1..];
        return new() { [name] = [$"参数“{name}”缺失或类型不正确。"] };
    }

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"[^\"]*? ([A-Za-z0-9_]+)\"", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial System.Text.RegularExpressions.Regex ParameterName();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} 因数据库繁忙未能完成，已回复 503：{Reason}")]
    private static partial void LogOverloaded(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "处理 {Method} {Path} 时出现未处理的异常")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
