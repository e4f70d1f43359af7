using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("ExpertReview", "专家评审", ActivityCategories.Human, Blocking = true,
    Description = "从专家库随机抽取专家（本校、本市回避），每位专家按评分标准打分，全部打完后按加权总分汇总。")]
[Input("count", "抽取人数", InputType.Number, Required = true)]
[Input("pool", "专家库", InputType.Text, Required = true)]
[Input("criteria", "评分标准", InputType.Json, Required = true,
    Description = "如 [{\"name\": \"办学条件\", \"weight\": 0.6}, {\"name\": \"师资\", \"weight\": 0.4}]，权重之和为 1 或 100")]
[Input("aggregation", "汇总方式", InputType.Select, Default = "\"mean\"", Options = ["mean", "trimmed"],
    Description = "mean：平均分；trimmed：去掉一个最高分和一个最低分后取平均（至少 3 位专家）")]
[Input("avoidOrg", "回避单位", InputType.Text, Description = "回避该单位及其所在城市的专家；不填为申请单位")]
[Input(FieldAccess.InputName, "字段权限", InputType.FieldAccess, Description = FieldAccess.InputDescription)]
[Input("variable", "结果变量", InputType.Text, Default = "\"expertReview\"")]
[Input("title", "待办标题", InputType.Text)]
[Input("dueInWorkingDays", "评审时限（工作日）", InputType.Number)]
[Input("remindBeforeWorkingDays", "到期前提醒（工作日）", InputType.Number, Description = "到期前几个工作日提醒专家；0 为不提醒，不填按系统设置")]
[Outcome("done", "评审完成")]
public sealed class ExpertReview : Activity
{
    public const string TaskKind = "review";
    public const string SameSchool = "本校回避";
    public const string SameCity = "本市回避";

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var count = Count(context.Number("count"));
        var pool = context.Text("pool") ?? throw new InvalidOperationException("未填写专家库。");
        var criteria = ParseCriteria(context.Input("criteria"));
        var method = context.Text("aggregation") ?? "mean";
        if (CheckAggregation(method, count) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var avoidOrg = context.Text("avoidOrg") ?? context.InitiatorOrgId;
        var avoidCity = avoidOrg is null ? null : await context.GetParentOrgAsync(avoidOrg);
        var eligible = new List<string>();
        var excluded = new JsonArray();
        var experts = (await context.GetExpertsAsync(pool)).DistinctBy(e => e.UserId).OrderBy(e => e.UserId, StringComparer.Ordinal);
        foreach (var expert in experts)
        {
            var reason = await AvoidanceAsync(context, expert, avoidOrg, avoidCity);
            if (reason is null)
            {
                eligible.Add(expert.UserId);
            }
            else
            {
                excluded.Add(new JsonObject { ["userId"] = expert.UserId, ["reason"] = reason });
            }
        }

        if (eligible.Count < count)
        {
            throw new InvalidOperationException(
                $"专家库“{pool}”中符合回避要求的专家只有 {eligible.Count} 人，不足抽取的 {count} 人（另有 {excluded.Count} 人需回避）。请补充专家库后重试。");
        }

        var drawn = Draw(eligible, count, context.Random);
        context.State.Clear();
        context.State["criteria"] = new JsonArray([.. criteria.Select(c => new JsonObject { ["name"] = c.Name, ["weight"] = c.Weight })]);
        context.State["experts"] = new JsonArray([.. drawn.Select(id => JsonValue.Create(id))]);
        context.State["scores"] = new JsonObject();
        context.Journal("experts-drawn", new JsonObject
        {
            ["pool"] = pool,
            ["avoidOrg"] = avoidOrg,
            ["avoidCity"] = avoidCity,
            ["drawn"] = new JsonArray([.. drawn.Select(id => JsonValue.Create(id))]),
            ["excluded"] = excluded,
        });
        foreach (var expert in drawn)
        {
            await HumanSteps.CreateAsync(context, TaskKind, new AssigneeSpec(null, null, expert), ["submit"], new JsonObject
            {
                ["expert"] = expert,
                ["criteria"] = new JsonArray([.. criteria.Select(c => JsonValue.Create(c.Name))]),
            });
        }

        return ActivityResult.Wait;
    }

    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption)
    {
        var criteria = ParseCriteria(context.State["criteria"]);
        var (scores, errors) = ParseScores(criteria, resumption.Payload["data"]);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors.Values.SelectMany(e => e)));
        }

        var expert = resumption.Data["expert"]!.GetValue<string>();
        var recorded = context.State["scores"]!.AsObject();
        recorded[expert] = scores;
        context.Journal("review-scored", new JsonObject { ["expert"] = expert, ["total"] = Total(criteria, scores) });

        var drawn = context.State["experts"]!.AsArray().Select(e => e!.GetValue<string>()).ToArray();
        if (recorded.Count < drawn.Length)
        {
            return ValueTask.FromResult(ActivityResult.Wait);
        }

        var method = context.Text("aggregation") ?? "mean";
        var results = drawn.Select(id => (UserId: id, Scores: recorded[id]!.AsObject(), Total: Total(criteria, recorded[id]!.AsObject()))).ToArray();
        var aggregate = Aggregate(method, results.Select(r => r.Total).ToArray());
        context.SetVariable(context.Text("variable") ?? "expertReview", new JsonObject
        {
            ["experts"] = new JsonArray([.. results.Select(r => new JsonObject
            {
                ["userId"] = r.UserId,
                ["total"] = r.Total,
                ["scores"] = r.Scores.DeepClone(),
            })]),
            ["aggregate"] = aggregate,
            ["method"] = method,
        });
        context.Journal("review-aggregated", new JsonObject
        {
            ["method"] = method,
            ["aggregate"] = aggregate,
            ["totals"] = new JsonObject([.. results.Select(r => KeyValuePair.Create(r.UserId, (JsonNode?)r.Total))]),
        });
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }

    public override IReadOnlyDictionary<string, string[]> CheckSubmission(TaskSubmission submission) =>
        submission.TaskKind == TaskKind
            ? ParseScores(ParseCriteria(submission.NodeState["criteria"]), submission.Decision.Data).Errors
            : base.CheckSubmission(submission);

    public override bool SubmitsFormData(string taskKind) => taskKind != TaskKind;

    public override IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition)
    {
        var problems = new List<string>();
        var count = NumberOf(Literal(node, "count"));
        if (count is { } literal && (literal < 1 || literal != Math.Floor(literal)))
        {
            problems.Add("抽取人数应为正整数。");
        }

        if (Literal(node, "criteria") is { } criteria)
        {
            try
            {
                ParseCriteria(criteria);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add(ex.Message);
            }
        }

        if (count is not null && Literal(node, "aggregation") is JsonValue a && a.TryGetValue<string>(out var method)
            && CheckAggregation(method, (int)count) is { } aggregationProblem)
        {
            problems.Add(aggregationProblem);
        }

        // Experts score; they do not change the applicant's form.
        if (FieldAccess.Of(node)?.FirstOrDefault(a => a.Value == FieldAccess.Editable) is { Key: { } editable })
        {
            problems.Add($"专家评审只能隐藏或只读申请表字段，不能设为可编辑（“{editable}”）。");
        }

        return problems.Select(p => new DefinitionProblem(node.Id, "bad-review", $"“{node.DisplayName}”：{p}"));
    }

    /// <summary>The weighted total of one expert: the weights are fractions summing to 1, rounded to two decimals.</summary>
    private static double Total(IReadOnlyList<Criterion> criteria, JsonObject scores) =>
        Math.Round(criteria.Sum(c => c.Weight * NumberOf(scores[c.Name])!.Value), 2, MidpointRounding.AwayFromZero);

    private static double Aggregate(string method, double[] totals)
    {
        var counted = method == "trimmed" ? totals.Order().Skip(1).SkipLast(1).ToArray() : totals;
        return Math.Round(counted.Average(), 2, MidpointRounding.AwayFromZero);
    }

    private static string? CheckAggregation(string method, int count) => method == "trimmed" && count < 3
        ? $"去掉最高分和最低分需要至少 3 位专家，实际抽取 {count} 位。"
        : null;

    private static int Count(double? count) => count is { } n && n >= 1 && n == Math.Floor(n) && n <= 1000
        ? (int)n
        : throw new InvalidOperationException("抽取人数应为正整数。");

    /// <summary>Draws without replacement: a partial Fisher–Yates shuffle of the eligible experts in a fixed order.</summary>
    private static List<string> Draw(List<string> eligible, int count, IRandomSource random)
    {
        var pool = eligible.ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + random.Next(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return [.. pool.Take(count)];
    }

    private static async ValueTask<string?> AvoidanceAsync(ActivityContext context, Expert expert, string? avoidOrg, string? avoidCity)
    {
        if (avoidOrg is null)
        {
            return null;
        }

        if (expert.OrgId == avoidOrg)
        {
            return SameSchool;
        }

        var expertCity = expert.CityOrgId ?? await context.GetParentOrgAsync(expert.OrgId);
        return avoidCity is not null && (expertCity == avoidCity || expert.OrgId == avoidCity) ? SameCity : null;
    }

    /// <summary>A JSON number however it was made: parsed from text or built from an int or a double.</summary>
    private static double? NumberOf(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)
        : null;

    private static JsonNode? Literal(NodeDefinition node, string name) =>
        node.Inputs[name] is { } value && !(value is JsonObject o && o.Count == 1 && o["expr"] is not null) ? value : null;

    /// <summary>Criteria with unique names and positive weights summing to 1 or 100, as fractions of 1.</summary>
    private static List<Criterion> ParseCriteria(JsonNode? node)
    {
        if (node is not JsonArray { Count: > 0 } array)
        {
            throw new InvalidOperationException("评分标准应为非空列表，如 [{\"name\": \"办学条件\", \"weight\": 0.6}]。");
        }

        var criteria = new List<Criterion>();
        foreach (var item in array)
        {
            var name = item?["name"] is JsonValue n && n.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
            var weight = NumberOf(item?["weight"]) ?? double.NaN;
            if (name is null || !(weight > 0))
            {
                throw new InvalidOperationException("每项评分标准需要名称（name）和大于 0 的权重（weight）。");
            }

            if (criteria.Any(c => c.Name == name))
            {
                throw new InvalidOperationException($"评分标准“{name}”重复。");
            }

            criteria.Add(new Criterion(name, weight));
        }

        var sum = criteria.Sum(c => c.Weight);
        var scale = Math.Abs(sum - 1) < 1e-6 ? 1 : Math.Abs(sum - 100) < 1e-6 ? 100 : 0;
        if (scale == 0)
        {
            throw new InvalidOperationException($"评分标准的权重之和应为 1 或 100，实际为 {sum.ToString(CultureInfo.InvariantCulture)}。");
        }

        return [.. criteria.Select(c => c with { Weight = c.Weight / scale })];
    }

    /// <summary>One score from 0 to 100 per criterion under "scores" of the submitted data, and nothing else.</summary>
    private static (JsonObject Scores, IReadOnlyDictionary<string, string[]> Errors) ParseScores(IReadOnlyList<Criterion> criteria, JsonNode? data)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var submitted = data?["scores"] as JsonObject;
        if (submitted is null)
        {
            errors["scores"] = ["请按评分标准逐项打分。"];
            return ([], errors);
        }

        var scores = new JsonObject();
        foreach (var criterion in criteria)
        {
            if (NumberOf(submitted[criterion.Name]) is >= 0 and <= 100 and var score)
            {
                scores[criterion.Name] = score;
            }
            else
            {
                errors["scores." + criterion.Name] = [$"“{criterion.Name}”的得分应为 0 到 100 之间的数字。"];
            }
        }

        foreach (var (name, _) in submitted.Where(s => criteria.All(c => c.Name != s.Key)))
        {
            errors["scores." + name] = [$"评分标准中没有“{name}”。"];
        }

        return (scores, errors);
    }

    private sealed record Criterion(string Name, double Weight);
}
