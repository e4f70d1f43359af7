// The errors the API answers with, all ProblemDetails with a Chinese title and detail.
using Approvals.Workflows.Runtime;

namespace Approvals.Host.Requests;

public static class ApiProblems
{
    public static IResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        Results.ValidationProblem(errors, detail ?? "请求中有字段不符合要求，请按提示修改。", title: "请求参数有误");

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] }, message);

    public static IResult NotFound(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "未找到");

    public static IResult Forbidden(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "无权操作");

    public static IResult Conflict(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "操作冲突");

    public static IResult TooLarge(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "内容过大");

    public static IResult UnsupportedType(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "不支持的文件类型");

    /// <summary>The engine's answer as HTTP: Ok is the caller's to shape; the rest map to 404, 409 and 400.</summary>
    public static IResult FromRun(RunResult result) => result.Status switch
    {
        RunStatus.NotFound => NotFound(result.Error ?? "未找到。"),
        RunStatus.Conflict => Conflict(result.Error ?? "操作冲突，请刷新后重试。"),
        RunStatus.Invalid => Validation(
            result.Errors?.ToDictionary(e => e.Key, e => e.Value) ?? new Dictionary<string, string[]> { [""] = [result.Error ?? "请求有误。"] },
            result.Error),
        _ => Results.Ok(new { id = result.InstanceId?.ToString(), status = result.InstanceStatus?.ToString(), message = result.Error }),
    };

    public static bool IsSuccess(IResult result) =>
        result is not IStatusCodeHttpResult { StatusCode: >= 400 };
}
