// The Chinese words of each kind of engine notice: a title that names the case, a body with the step, the
// deadline in Beijing time and who or why. A notice whose data cannot be read throws: the dispatcher retries it.
using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Host.Features.Organizations;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Persistence;

namespace Approvals.Host.Features.Notifications;

public sealed record Notice(string Title, string Body);

public sealed class OutboxNotices(Names names)
{
    public const int TitleLength = 300;
    public const int BodyLength = 2000;

    /// <summary>Room left in a title for the case's own; the rest is the kind's words and a deadline.</summary>
    private const int CaseTitleLength = 200;

    public async Task<Notice> DescribeAsync(OutboxMessage row, string caseTitle, string? taskTitle, CancellationToken cancellationToken)
    {
        var data = JsonNode.Parse(row.Data) as JsonObject ?? throw new InvalidDataException("通知数据不是 JSON 对象。");
        var name = Clip(caseTitle, CaseTitleLength);
        var step = Text(data, "title") ?? taskTitle ?? "待办事项";
        var due = Deadline(data);
        var notice = row.Kind switch
        {
            "task-assigned" when Text(data, "taskKind") == "resubmit" => new Notice(
                $"退回修改：{name}", $"您的申请被退回修改，请按审核意见修改后重新提交。待办事项：{step}。{DueSentence(due)}"),
            "task-assigned" => new Notice($"新待办：{name}", $"请办理：{step}。{DueSentence(due)}"),
            "reminder" => new Notice(
                due is null ? $"即将到期：{name}" : $"即将到期：{name}（截止 {due}，北京时间）",
                $"“{step}”即将到期，请尽快办理。{DueSentence(due)}"),
            "overdue" => new Notice($"已超时：{name}", $"“{step}”已超过办理期限，请尽快办理。{DueSentence(due)}"),
            "escalated" => new Notice(
                $"下级超时未办：{name}",
                $"{await AssigneeAsync(data, cancellationToken)}的“{step}”已超过办理期限，请督促办理。{DueSentence(due)}"),
            "urged" => new Notice($"催办：{name}", await UrgedAsync(data, step, cancellationToken)),
            "case-finished" => new Notice($"已办结：{name}", $"您发起的“{name}”已办结，请登录系统查看办理结果。"),
            "case-cancelled" => new Notice(
                $"已撤销：{name}",
                Text(data, "reason") is { } reason ? $"您发起的“{name}”已撤销。理由：{reason}" : $"您发起的“{name}”已撤销。"),
            _ => throw new InvalidDataException($"无法识别的通知类型“{row.Kind}”。"),
        };
        return new Notice(Clip(notice.Title, TitleLength), Clip(notice.Body, BodyLength));
    }

    private async Task<string> AssigneeAsync(JsonObject data, CancellationToken cancellationToken)
    {
        if (Text(data, "assigneeUserId") is { } userId
            && (await names.UsersAsync([userId], cancellationToken)).GetValueOrDefault(userId) is { } person)
        {
            return person;
        }

        if (Text(data, "assigneeOrgId") is { } orgId)
        {
            return (await names.OrganizationsAsync([orgId], cancellationToken)).GetValueOrDefault(orgId) ?? orgId;
        }

        return "下级单位";
    }

    private async Task<string> UrgedAsync(JsonObject data, string step, CancellationToken cancellationToken)
    {
        var by = Text(data, "by") is { } userId ? (await names.UsersAsync([userId], cancellationToken)).GetValueOrDefault(userId) : null;
        var message = Text(data, "message") ?? "请尽快办理。";
        return $"{by ?? "有人"}催您办理“{step}”：{message}";
    }

    /// <summary>The engine writes deadlines as ISO 8601 instants; people read them as Beijing wall-clock minutes.</summary>
    private static string? Deadline(JsonObject data) =>
        Text(data, "dueAt") is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToOffset(WorkingDayCalendar.ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : null;

    private static string DueSentence(string? due) => due is null ? "" : $"办理期限：{due}（北京时间）。";

    private static string? Text(JsonObject data, string key) =>
        data[key]?.GetValue<string>() is { Length: > 0 } text ? text.Trim() : null;

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
