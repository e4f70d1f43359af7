using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("ApplicationWindow", "申报窗口", ActivityCategories.Domain, Blocking = true,
    Description = "批次的申报期：截止前各校提交申报，每份申报成为一个子流程（以学校为申请人）。申报时按学校类型核对名额（原则上技师学院 3 个、其他技工院校 2 个，"
                  + "自治区可对个别学校特批），申报表按子流程的表单校验（含参考目录中的专业）；截止后等各申报办结，汇总为申报列表。")]
[Input("closesAt", "申报截止", InputType.DateTime, Required = true,
    Description = "如 2022-08-31（当日 24 时截止）或 2022-08-31T17:00:00+08:00；可写表达式，如 {\"expr\": \"form.closesAt\"}")]
[Input("definition", "申报子流程", InputType.Text, Required = true, Editor = "definition")]
[Input("technicianCollegeQuota", "技师学院名额", InputType.Number, Default = "3", Description = "每所技师学院本批次可申报的数量；可写表达式，如 {\"expr\": \"form.technicianCollegeQuota\"}")]
[Input("otherSchoolQuota", "其他技工院校名额", InputType.Number, Default = "2", Description = "高级技工学校、技工学校本批次可申报的数量")]
[Input("itemField", "申报项目字段", InputType.Text,
    Description = "申报表中填写项目代码的字段，如 majorCode；同一学校不能重复申报同一项目。字段从参考目录取选项时，名称取自目录")]
[Input("itemNoun", "申报项目称谓", InputType.Text, Default = "\"项目\"", Description = "名额提示中的称谓，如“建设专业”")]
[Input("batchVariables", "传给申报的批次信息", InputType.Expression, Description = "如 ({ cityQuota: form.cityQuota })，在申报子流程中为变量 batch")]
[Input("variable", "申报汇总变量", InputType.Text, Default = "\"applications\"")]
[Outcome("closed", "截止且全部办结")]
public sealed class ApplicationWindow : Activity
{
    /// <summary>A school's application: {"orgId": "…", "form": {…}}, brought by the school's user.</summary>
    public const string ApplicationSignal = "application";

    /// <summary>The province's exception for one school: {"orgId": "…", "quota": 4, "reason": "…"}.</summary>
    public const string QuotaExceptionSignal = "quota-exception";

    /// <summary>The journal entries of a window opening and of an application it received.</summary>
    public const string OpenedEntry = "window-opened";
    public const string ReceivedEntry = "application-received";

    private const int MaxQuota = 100;

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var closesAt = ClosesAt(context);
        var definition = context.Text("definition") ?? throw new InvalidOperationException("未指定申报子流程。");
        await context.GetPublishedDefinitionAsync(definition);
        context.State.Clear();
        context.State["closesAt"] = Instant(closesAt);
        context.State["closed"] = false;
        context.State["applications"] = new JsonArray();
        context.State["exceptions"] = new JsonObject();
        context.State["timer"] = context.CreateTimer(closesAt).ToString();
        context.State[ApplicationSignal] = context.CreateBookmark(ApplicationSignal).ToString();
        context.State[QuotaExceptionSignal] = context.CreateBookmark(QuotaExceptionSignal).ToString();
        context.Journal(OpenedEntry, new JsonObject
        {
            ["closesAt"] = Instant(closesAt),
            ["definition"] = definition,
            ["technicianCollegeQuota"] = Quota(context, "technicianCollegeQuota"),
            ["otherSchoolQuota"] = Quota(context, "otherSchoolQuota"),
        });
        return ActivityResult.Wait;
    }

    public override async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption)
    {
        switch (resumption.Kind)
        {
            case ApplicationSignal:
                await AcceptAsync(context, resumption);
                return ActivityResult.Wait;
            case QuotaExceptionSignal:
                await GrantAsync(context, resumption);
                return ActivityResult.Wait;
            case "timer":
                context.State["closed"] = true;
                context.CancelBookmark(BookmarkOf(context, ApplicationSignal));
                context.CancelBookmark(BookmarkOf(context, QuotaExceptionSignal));
                context.Journal("window-closed", new JsonObject
                {
                    ["applications"] = Applications(context).Count,
                    ["running"] = Running(context),
                });
                return Finish(context);
            case "child":
                var entry = Applications(context)[resumption.Data["index"]!.GetValue<int>()]!.AsObject();
                entry["status"] = resumption.Payload["status"]?.DeepClone();
                entry["output"] = resumption.Payload["output"]?.DeepClone();
                return Finish(context);
            default:
                throw new InvalidOperationException($"申报窗口不等待“{resumption.Kind}”。");
        }
    }

    public override async ValueTask<IReadOnlyDictionary<string, string[]>> CheckSignalAsync(ActivityContext context, Resumption signal) =>
        signal.Kind switch
        {
            ApplicationSignal => (IReadOnlyDictionary<string, string[]>)(await AssessAsync(context, signal.Payload)).Errors,
            QuotaExceptionSignal => (await AssessExceptionAsync(context, signal.Payload)).Errors,
            _ => await base.CheckSignalAsync(context, signal),
        };

    public override IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition)
    {
        foreach (var input in new[] { "technicianCollegeQuota", "otherSchoolQuota" })
        {
            if (node.Inputs[input] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && !IsQuota(Number(v)))
            {
                yield return new DefinitionProblem(node.Id, "bad-window", $"“{node.DisplayName}”：名额应为 0 到 {MaxQuota} 之间的整数。");
            }
        }
    }

    /// <summary>A checked application becomes a child case with the school as its applicant, and a line of the batch's list.</summary>
    private static async Task AcceptAsync(ActivityContext context, Resumption resumption)
    {
        var assessment = await AssessAsync(context, resumption.Payload);
        if (assessment.Errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", assessment.Errors.Values.SelectMany(e => e)));
        }

        var school = assessment.School!;
        var applications = Applications(context);
        var number = applications.Count + 1;
        var title = assessment.ItemName is null ? school.Name : $"{school.Name} · {assessment.ItemName}";
        var application = new JsonObject
        {
            ["number"] = number,
            ["orgId"] = school.Id,
            ["orgName"] = school.Name,
            ["schoolType"] = school.SchoolType,
            ["cityId"] = school.CityId,
            ["cityName"] = school.CityName,
            ["itemCode"] = assessment.ItemCode,
            ["itemName"] = assessment.ItemName,
            ["title"] = title,
            ["appliedBy"] = resumption.Actor,
            ["appliedAt"] = Instant(context.Now),
        };
        var batch = context.Node.Inputs.ContainsKey("batchVariables") ? context.EvaluateInput("batchVariables") : null;
        var child = await context.StartChildAsync(context.Text("definition")!,
            new JsonObject { ["application"] = application.DeepClone(), ["batch"] = batch },
            (JsonObject)resumption.Payload["form"]!.DeepClone(), number - 1, resumption.Actor, school.Id, $"{context.CaseTitle} · {title}");
        application["caseId"] = child.ChildId.ToString();
        application["status"] = "running";
        applications.Add(application);
        context.State[ApplicationSignal] = context.CreateBookmark(ApplicationSignal).ToString();
        context.Journal(ReceivedEntry, new JsonObject
        {
            ["number"] = number,
            ["caseId"] = child.ChildId.ToString(),
            ["orgId"] = school.Id,
            ["orgName"] = school.Name,
            ["itemCode"] = assessment.ItemCode,
            ["itemName"] = assessment.ItemName,
            ["used"] = assessment.Used + 1,
            ["quota"] = assessment.Quota,
        });
    }

    /// <summary>原则上: the province lets one school exceed (or stay under) its type's quota; who, why and how many is journaled.</summary>
    private static async Task GrantAsync(ActivityContext context, Resumption resumption)
    {
        var (errors, school, quota) = await AssessExceptionAsync(context, resumption.Payload);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors.Values.SelectMany(e => e)));
        }

        var reason = resumption.Payload["reason"]!.GetValue<string>().Trim();
        context.State["exceptions"]![school!.Id] = new JsonObject
        {
            ["quota"] = quota,
            ["reason"] = reason,
            ["by"] = resumption.Actor,
            ["at"] = Instant(context.Now),
        };
        context.State[QuotaExceptionSignal] = context.CreateBookmark(QuotaExceptionSignal).ToString();
        context.Journal("quota-exception-granted", new JsonObject
        {
            ["orgId"] = school.Id,
            ["orgName"] = school.Name,
            ["schoolType"] = school.SchoolType,
            ["standardQuota"] = StandardQuota(context, school),
            ["quota"] = quota,
            ["reason"] = reason,
        });
    }

    /// <summary>Everything an application is checked against, with the field each problem belongs to.</summary>
    private static async Task<Assessment> AssessAsync(ActivityContext context, JsonObject payload)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var orgId = payload["orgId"] is JsonValue o && o.TryGetValue<string>(out var id) ? id : null;
        var school = orgId is null ? null : await context.GetOrganizationAsync(orgId);
        if (school?.SchoolType is null)
        {
            errors["orgId"] = ["只有技工院校可以申报。"];
            return new Assessment(errors, null, null, null, 0, 0);
        }

        if (payload["form"] is not JsonObject form)
        {
            errors["form"] = ["请填写申报表。"];
            return new Assessment(errors, school, null, null, 0, 0);
        }

        var childDefinition = await context.GetPublishedDefinitionAsync(context.Text("definition")!);
        var childForm = Start.FormOf(childDefinition);
        if (childForm is not null)
        {
            foreach (var (field, messages) in await context.CheckFormAsync(childForm, form))
            {
                errors["form." + field] = messages;
            }
        }

        foreach (var (field, messages) in context.CheckFormRules(childDefinition, form))
        {
            errors["form." + field] = errors.TryGetValue("form." + field, out var schema) ? [.. schema, .. messages] : messages;
        }

        var (itemCode, itemName) = await ItemAsync(context, childForm, form);
        var live = Applications(context).Select(a => a!.AsObject())
            .Where(a => a["orgId"]?.ToString() == school.Id && a["status"]?.ToString() != "cancelled")
            .ToList();
        if (itemCode is not null && live.Any(a => a["itemCode"]?.ToString() == itemCode))
        {
            errors["form." + context.Text("itemField")] = [$"本校已申报“{itemName}”，同一批次不能重复申报。"];
        }

        var quota = QuotaOf(context, school);
        if (live.Count >= quota)
        {
            var noun = context.Text("itemNoun") ?? "项目";
            errors["quota"] = [Exception(context, school.Id) is not null
                ? $"经自治区特批，{school.Name}本批次可申报{noun} {quota} 个，已申报 {live.Count} 个，不能再申报。"
                : $"{(school.SchoolType == OrganizationProfile.TechnicianCollege ? "技师学院" : "其他技工院校")}原则上申报{noun}不超过 {quota} 个，"
                  + $"{school.Name}已申报 {live.Count} 个，不能再申报。确有需要的，请向自治区人社厅申请特批。"];
        }

        return new Assessment(errors, school, itemCode, itemName, live.Count, quota);
    }

    private static async Task<(Dictionary<string, string[]> Errors, OrganizationProfile? School, int Quota)> AssessExceptionAsync(
        ActivityContext context, JsonObject payload)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var orgId = payload["orgId"] is JsonValue o && o.TryGetValue<string>(out var id) ? id : null;
        var school = orgId is null ? null : await context.GetOrganizationAsync(orgId);
        if (school?.SchoolType is null)
        {
            errors["orgId"] = ["请选择一所技工院校。"];
        }

        var quota = payload["quota"] is JsonValue q && q.GetValueKind() == JsonValueKind.Number && IsQuota(Number(q)) ? (int)Number(q) : -1;
        if (quota < 0)
        {
            errors["quota"] = [$"特批名额应为 0 到 {MaxQuota} 之间的整数。"];
        }

        if (payload["reason"] is not JsonValue r || !r.TryGetValue<string>(out var reason) || string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = ["请填写特批理由。"];
        }

        return (errors, school, quota);
    }

    /// <summary>The applied item's code and name: the name from the reference list the field takes its options from, else the form.</summary>
    private static async Task<(string? Code, string? Name)> ItemAsync(ActivityContext context, FormDefinition? form, JsonObject data)
    {
        if (context.Text("itemField") is not { } fieldName || data[fieldName] is not JsonValue v || !v.TryGetValue<string>(out var code))
        {
            return (null, null);
        }

        var field = form?.Fields.FirstOrDefault(f => f.Name == fieldName);
        var entry = field?.OptionsFrom is { } list ? (await context.GetReferenceListAsync(list)).FirstOrDefault(e => e.Code == code) : null;
        return (code, entry?.Name ?? code);
    }

    /// <summary>Closes when the window has closed and no application is still in progress.</summary>
    private static ActivityResult Finish(ActivityContext context)
    {
        if (context.State["closed"]!.GetValue<bool>() is false || Running(context) > 0)
        {
            return ActivityResult.Wait;
        }

        context.SetVariable(context.Text("variable") ?? "applications", Applications(context).DeepClone());
        return ActivityResult.Done("closed");
    }

    private static int QuotaOf(ActivityContext context, OrganizationProfile school) =>
        Exception(context, school.Id)?["quota"]!.GetValue<int>() ?? StandardQuota(context, school);

    private static int StandardQuota(ActivityContext context, OrganizationProfile school) =>
        Quota(context, school.SchoolType == OrganizationProfile.TechnicianCollege ? "technicianCollegeQuota" : "otherSchoolQuota");

    /// <summary>A quota input: the literal or expression's value, the input's default when the expression gives nothing.</summary>
    private static int Quota(ActivityContext context, string input)
    {
        var value = context.Number(input) ?? Number(context.Activity.Descriptor.FindInput(input)!.Default!.AsValue());
        return IsQuota(value) ? (int)value : throw new InvalidOperationException($"名额应为 0 到 {MaxQuota} 之间的整数，实际为 {value}。");
    }

    private static JsonObject? Exception(ActivityContext context, string orgId) => context.State["exceptions"]?[orgId] as JsonObject;

    private static JsonArray Applications(ActivityContext context) => context.State["applications"]!.AsArray();

    private static int Running(ActivityContext context) => Applications(context).Count(a => a!["status"]?.ToString() == "running");

    private static BookmarkId BookmarkOf(ActivityContext context, string kind) => new(Guid.Parse(context.State[kind]!.GetValue<string>()));

    /// <summary>The closing instant: a date closes at the end of that day in Beijing.</summary>
    private static DateTimeOffset ClosesAt(ActivityContext context)
    {
        var text = context.Text("closesAt") ?? throw new InvalidOperationException("未填写申报截止时间。");
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), WorkingDayCalendar.ChinaOffset)
            : Timer.ParseInstant(text);
    }

    private static bool IsQuota(double value) => value is >= 0 and <= MaxQuota && value == Math.Floor(value);

    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset instant) => instant.ToOffset(WorkingDayCalendar.ChinaOffset).ToString("O", CultureInfo.InvariantCulture);

    private sealed record Assessment(
        Dictionary<string, string[]> Errors, OrganizationProfile? School, string? ItemCode, string? ItemName, int Used, int Quota);
}
