// Who a human task is for: a user, or a role at an organisation named literally or relative to the applicant;
// and who a notice goes to.
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;

namespace Approvals.Workflows.Runtime;

/// <summary>
/// {"role": "city_reviewer", "org": "initiator.parent"} or {"user": "u-42"}. Org keywords: "initiator" (the
/// applicant's organisation) or "form.&lt;field&gt;" (the organisation a form field names, such as the school a bureau
/// issues a warning to), each ".parent" one level up, ".bureau:education" the bureau of that kind serving the
/// organisation reached so far, as the organisation directory knows it (a city's education or finance bureau, which
/// sit beside its HR bureau in no parent chain a school can climb); anything else is an organisation id.
/// </summary>
public sealed record AssigneeSpec(string? Role, string? Org, string? User)
{
    /// <summary>As an org, the applicant's organisation; as a user, the applicant.</summary>
    public const string Initiator = "initiator";

    /// <summary>The org keyword naming the organisation a form field holds: "form.schoolId".</summary>
    public const string Form = "form";

    public const string Parent = "parent";

    public const string BureauPrefix = "bureau:";

    public static AssigneeSpec Parse(JsonNode? node)
    {
        if (node is not JsonObject o)
        {
            throw new InvalidOperationException("处理人必须是对象，例如 {\"role\": \"city_reviewer\", \"org\": \"initiator.parent\"}。");
        }

        var spec = new AssigneeSpec(Text(o, "role"), Text(o, "org"), Text(o, "user"));
        if (spec.User is null && spec.Role is null)
        {
            throw new InvalidOperationException("处理人需指定用户（user）或角色（role）。");
        }

        return spec;
    }

    public static IReadOnlyList<AssigneeSpec> ParseList(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(Parse).ToArray(),
        JsonObject single => [Parse(single)],
        _ => throw new InvalidOperationException("处理人列表必须是数组。"),
    };

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}

public sealed record ResolvedAssignee(string? Role, string? OrgId, string? UserId)
{
    public JsonObject ToJson() => new() { ["role"] = Role, ["orgId"] = OrgId, ["userId"] = UserId };
}

/// <summary>Who an outbox notice is for: a user, or everyone with a role at an organisation, or an organisation.</summary>
internal sealed record Recipient(string? UserId, string? OrgId = null, string? Role = null)
{
    /// <summary>Whoever has to act on the task now: the delegate while it is delegated, else its assignee.</summary>
    public static Recipient HandlerOf(HumanTask task) => task.DelegatedToUserId is { } delegateUserId
        ? new Recipient(delegateUserId)
        : new Recipient(task.AssigneeUserId, task.AssigneeOrgId, task.AssigneeRole);
}
