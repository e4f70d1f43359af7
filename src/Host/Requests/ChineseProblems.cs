// Problems the framework writes itself (an unmatched route, a wrong content type) get a Chinese title and detail too.
using Microsoft.AspNetCore.Http;

namespace Approvals.Host.Requests;

internal static class ChineseProblems
{
    private static readonly Dictionary<int, (string Title, string Detail)> ByStatus = new()
    {
        [400] = ("请求参数有误", "请求格式不正确。"),
        [401] = ("未登录", "请先登录。"),
        [403] = ("无权操作", "您的角色无权进行此操作。"),
        [404] = ("未找到", "请求的地址或对象不存在。"),
        [405] = ("不支持的操作", "该地址不支持此请求方法。"),
        [409] = ("操作冲突", "操作冲突，请刷新后重试。"),
        [413] = ("内容过大", "请求内容超过了允许的大小。"),
        [415] = ("不支持的内容类型", "请求的内容类型不受支持，请以 JSON（application/json）提交。"),
        [429] = ("请求过于频繁", "请求过于频繁，请稍后再试。"),
        [500] = ("服务器内部错误", "服务器处理请求时出错，已记录，请稍后重试或联系管理员。"),
        [503] = ("系统繁忙", "系统繁忙，请稍后重试。"),
    };

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status is not { } status || !ByStatus.TryGetValue(status, out var chinese))
        {
            return;
        }

        if (problem.Title is null || !problem.Title.Any(IsChinese))
        {
            problem.Title = chinese.Title;
        }

        if (problem.Detail is null || !problem.Detail.Any(IsChinese))
        {
            problem.Detail = chinese.Detail;
        }
    }

    private static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';
}
