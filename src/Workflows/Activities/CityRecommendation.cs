using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("CityRecommendation", "盟市推荐", ActivityCategories.Domain, Blocking = true,
    Description = "盟市人社局审核本市学校的一份申报：推荐、不推荐，或退回学校修改。同一批次中本盟市的推荐名额用满后，再推荐会被拒绝并说明名额。")]
[Input("assignee", "审核人", InputType.Assignee, Required = true)]
[Input("quota", "推荐名额", InputType.Number, Required = true,
    Description = "每个盟市在本批次可推荐的数量；可写表达式，如 {\"expr\": \"vars.batch.cityQuota\"}，也可得到按盟市区分的对象 {\"150100\": 3, \"default\": 2}")]
[Input("lockedFields", "退回修改时不可改的字段", InputType.StringList,
    Description = "如 majorCode：申报项目已按名额登记在批次中，学校修改申报时不能更换")]
[Input("variable", "推荐结果变量", InputType.Text, Default = "\"recommendation\"")]
[Input("resubmitTo", "重新提交后", InputType.Select, Default = "\"returner\"", Options = ["returner", "start"],
    Description = "returner：回到本环节重新审核；start：从头开始（如申报表的自评需按修改后的内容重新核对）")]
[Input("title", "待办标题", InputType.Text)]
[Input("dueInWorkingDays", "办理时限（工作日）", InputType.Number)]
[Input("remindBeforeWorkingDays", "到期前提醒（工作日）", InputType.Number, Description = "到期前几个工作日提醒办理人；0 为不提醒，不填按系统设置")]
[Outcome("recommend", "推荐")]
[Outcome("decline", "不推荐")]
public sealed class CityRecommendation : Activity
{
    public const string Recommend = "recommend";
    public const string Decline = "decline";
    public const string Return = "return";

    /// <summary>The note a declined application carries into the ranking.</summary>
    public const string DeclinedNote = "盟市未推荐";

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        await HumanSteps.CreateAsync(context, "recommendation", AssigneeSpec.Parse(context.Input("assignee")), [Recommend, Decline, Return]);
        return ActivityResult.Wait;
    }

    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption)
    {
        HumanSteps.MergeSubmittedData(context, resumption);
        if (HumanSteps.IsResubmission(resumption))
        {
            return HumanSteps.Resubmitted(context, resumption, fromStart: context.Text("resubmitTo") == "start");
        }

        switch (resumption.Outcome)
        {
            case Return:
                return await HumanSteps.ReturnAsync(context, resumption with { Payload = WithoutReturnTarget(resumption.Payload) });
            case Recommend or Decline:
                var city = await CityOfApplicantAsync(context);
                var recommended = resumption.Outcome == Recommend;
                var result = new JsonObject
                {
                    ["recommended"] = recommended,
                    ["cityId"] = city.Id,
                    ["cityName"] = city.Name,
                    ["by"] = resumption.Actor,
                    ["comment"] = resumption.Payload["comment"]?.DeepClone(),
                    ["note"] = recommended ? null : DeclinedNote,
                };
                if (recommended)
                {
                    // Read again in this transaction: the parent batch is written back with the step, which is the lock.
                    var used = await UsedPlacesAsync(context, city.Id);
                    result["quota"] = QuotaOf(context, city.Id);
                    result["place"] = used.Count + 1;
                }

                context.SetVariable(Variable(context), result);
                return ActivityResult.Done(resumption.Outcome);
            default:
                throw new InvalidOperationException($"推荐结果“{resumption.Outcome}”无法识别。");
        }
    }

    public override async ValueTask<IReadOnlyDictionary<string, string[]>> CheckSubmissionAsync(ActivityContext context, TaskSubmission submission)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (submission.TaskKind == HumanSteps.ResubmitTaskKind)
        {
            foreach (var field in context.Strings("lockedFields"))
            {
                if (submission.Decision.Data is { } data && data.TryGetPropertyValue(field, out var value)
                    && !JsonNode.DeepEquals(value, context.Form[field]))
                {
                    var label = Start.FormOf(context.Definition)?.Fields.FirstOrDefault(f => f.Name == field)?.Label ?? field;
                    errors["form." + field] = [$"“{label}”已在申报批次中登记，修改申报时不能更换；如需更换，请撤销本申报后重新申报。"];
                }
            }

            return errors;
        }

        if (submission.Decision.Outcome != Recommend)
        {
            return errors;
        }

        var city = await CityOfApplicantAsync(context);
        var quota = QuotaOf(context, city.Id);
        var used = await UsedPlacesAsync(context, city.Id);
        if (used.Count >= quota)
        {
            var named = used.Count == 0 ? "" : $"（{string.Join("、", used.Select(u => u.Title))}）";
            errors["quota"] = [$"{city.Name}本批次的推荐名额为 {quota} 个，已推荐 {used.Count} 个{named}，不能再推荐。"];
        }

        return errors;
    }

    /// <summary>The city's recommendations so far among the other applications of the same batch.</summary>
    private static async Task<List<SiblingCase>> UsedPlacesAsync(ActivityContext context, string cityId)
    {
        var variable = Variable(context);
        return [.. (await context.GetSiblingsAsync()).Where(s =>
            s.Status != InstanceStatus.Cancelled
            && s.Variables[variable] is JsonObject r
            && r["recommended"] is JsonValue yes && yes.GetValueKind() == JsonValueKind.True
            && r["cityId"]?.ToString() == cityId)];
    }

    /// <summary>The city's quota: a number, or the city's entry (else "default") of an object by city.</summary>
    private static int QuotaOf(ActivityContext context, string cityId)
    {
        var value = context.Input("quota") switch
        {
            JsonObject byCity => byCity[cityId] ?? byCity["default"],
            var other => other,
        };
        return value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
               && double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) is >= 0 and <= 1000 and var n && n == Math.Floor(n)
            ? (int)n
            : throw new InvalidOperationException($"“{context.Node.DisplayName}”的推荐名额应为 0 到 1000 之间的整数，实际为 {value?.ToJsonString() ?? "空"}。");
    }

    private static async Task<(string Id, string Name)> CityOfApplicantAsync(ActivityContext context)
    {
        var school = context.InitiatorOrgId ?? throw new InvalidOperationException("申报没有所属学校，无法确定盟市。");
        if (await context.GetOrganizationAsync(school) is { CityId: { } cityId } profile)
        {
            return (cityId, profile.CityName ?? cityId);
        }

        var parent = await context.GetParentOrgAsync(school) ?? throw new InvalidOperationException($"单位 {school} 没有所属盟市。");
        return (parent, parent);
    }

    private static string Variable(ActivityContext context) => context.Text("variable") ?? "recommendation";

    /// <summary>A city returns an application to the school only; it cannot send it to another step.</summary>
    private static JsonObject WithoutReturnTarget(JsonObject payload)
    {
        var copy = (JsonObject)payload.DeepClone();
        copy.Remove("returnTo");
        return copy;
    }
}
