// 试运行: the route a definition (a draft, say) would take with sample data, without creating a case or touching the
// database. Conditions and variables are evaluated as the engine would; a step that waits for a person or the world
// takes the outcome the sample names for it, else its first; business activities that read the database are not run
// but take an outcome the same way. Each step says how its outcome was chosen and what each expression gave.
using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Expressions;

namespace Approvals.Workflows.Runtime;

public sealed record DryRunRequest(WorkflowDefinition Definition)
{
    public JsonObject Form { get; init; } = [];

    /// <summary>Values for the process variables, over their defaults.</summary>
    public JsonObject Variables { get; init; } = [];

    /// <summary>The outcome to take at a node that does not decide by itself, by node id.</summary>
    public IReadOnlyDictionary<string, string> Choices { get; init; } = new Dictionary<string, string>();

    public int MaxSteps { get; init; } = 200;
}

public static class DryRunChoice
{
    public const string Flow = "flow";
    public const string Condition = "condition";
    public const string Sample = "sample";
    public const string First = "first";
}

public sealed record DryRunEvaluation(string Expression, JsonNode? Result, string? Error);

public sealed record DryRunStep(
    string NodeId, string NodeName, string Kind, string? Outcome, string? OutcomeName, string ChosenBy,
    IReadOnlyList<DryRunEvaluation> Evaluations, string? Problem);

public sealed record DryRunResult(IReadOnlyList<DryRunStep> Route, bool Finished, string? EndNode, JsonObject Variables);

public sealed class DryRunner(ActivityRegistry activities, ExpressionEvaluator expressions)
{
    public DryRunResult Run(DryRunRequest request)
    {
        var definition = request.Definition;
        var variables = new JsonObject();
        foreach (var variable in definition.Variables)
        {
            variables[variable.Name] = variable.Default?.DeepClone();
        }

        foreach (var (name, value) in request.Variables)
        {
            variables[name] = value?.DeepClone();
        }

        var route = new List<DryRunStep>();
        string? end = null;
        var joined = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(definition.Nodes.Where(n => n.Kind == "Start").Take(1).Select(n => n.Id));
        while (route.Count < request.MaxSteps && pending.TryDequeue(out var nodeId))
        {
            var node = definition.FindNode(nodeId);
            var activity = node is null ? null : activities.Find(node.Kind);
            if (node is null || activity is null)
            {
                route.Add(new DryRunStep(nodeId, nodeId, node?.Kind ?? "", null, null, DryRunChoice.Flow, [], $"节点“{nodeId}”不存在或类型未知。"));
                continue;
            }

            // A join goes on once, when the first branch reaches it.
            if (node.Kind == "Join" && !joined.Add(node.Id))
            {
                continue;
            }

            var scope = new JsonObject
            {
                ["vars"] = variables.DeepClone(),
                ["form"] = request.Form.DeepClone(),
                ["instance"] = new JsonObject { ["id"] = "dry-run", ["initiatorUserId"] = null, ["initiatorOrgId"] = null },
            };
            var step = Decide(node, activity, scope, variables, request.Choices);
            route.Add(step);
            if (step.Problem is not null)
            {
                continue;
            }

            // The case ends here; any branch still open is cancelled, as the engine does.
            if (node.Kind == "End")
            {
                end = node.Id;
                pending.Clear();
                break;
            }

            var outcomes = node.Kind == "Fork" ? activity.OutcomesOf(node) : [step.Outcome!];
            foreach (var outcome in outcomes)
            {
                var targets = definition.EdgesFrom(node.Id, outcome).Select(e => e.Target).ToList();
                if (targets.Count == 0)
                {
                    route[^1] = step with { Problem = $"“{node.DisplayName}”的结果“{activity.OutcomeName(node, outcome) ?? outcome}”没有连线，流程停在这里。" };
                }

                targets.ForEach(pending.Enqueue);
            }
        }

        var finished = end is not null && route.All(s => s.Problem is null);
        if (route.Count >= request.MaxSteps && pending.Count > 0)
        {
            route.Add(new DryRunStep(pending.Peek(), "", "", null, null, DryRunChoice.Flow, [],
                $"已走 {request.MaxSteps} 步仍未结束，可能在循环：请检查样例数据或连线。"));
        }

        return new DryRunResult(route, finished, end, variables);
    }

    private DryRunStep Decide(NodeDefinition node, Activity activity, JsonObject scope, JsonObject variables, IReadOnlyDictionary<string, string> choices)
    {
        var evaluations = new List<DryRunEvaluation>();
        var outcomes = activity.OutcomesOf(node);
        DryRunStep Step(string? outcome, string chosenBy, string? problem = null) => new(
            node.Id, node.DisplayName, node.Kind, outcome, outcome is null ? null : activity.OutcomeName(node, outcome) ?? outcome, chosenBy,
            evaluations, problem);

        switch (node.Kind)
        {
            case "Start":
                return Step("done", DryRunChoice.Flow);
            case "End":
                return Step(null, DryRunChoice.Flow);
            case "Fork":
            case "Join":
                return Step(node.Kind == "Join" ? "done" : null, DryRunChoice.Flow);
            case "If":
                return Evaluate(node.Inputs["condition"]?.ToString() ?? "", scope, evaluations, condition: true) is { } ifResult
                    ? Step(ifResult.Truthy ? "true" : "false", DryRunChoice.Condition)
                    : Step(null, DryRunChoice.Condition, $"“{node.DisplayName}”的条件无法计算。");
            case "Switch":
                foreach (var (outcome, condition) in Switch.Cases(node))
                {
                    var result = Evaluate(condition, scope, evaluations, condition: true);
                    if (result is null)
                    {
                        return Step(null, DryRunChoice.Condition, $"“{node.DisplayName}”的分支条件无法计算。");
                    }

                    if (result.Value.Truthy)
                    {
                        return Step(outcome, DryRunChoice.Condition);
                    }
                }

                return Step("default", DryRunChoice.Condition);
            case "SetVariable":
                var name = node.Inputs["variable"]?.ToString();
                var value = Evaluate(node.Inputs["value"]?.ToString() ?? "", scope, evaluations, condition: false);
                if (name is null || value is null)
                {
                    return Step(null, DryRunChoice.Flow, $"“{node.DisplayName}”的值无法计算。");
                }

                variables[name] = value.Value.Value?.DeepClone();
                return Step("done", DryRunChoice.Flow);
        }

        if (choices.TryGetValue(node.Id, out var chosen))
        {
            return outcomes.Contains(chosen)
                ? Step(chosen, DryRunChoice.Sample)
                : Step(null, DryRunChoice.Sample, $"“{node.DisplayName}”没有结果“{chosen}”，可选：{string.Join("、", outcomes)}。");
        }

        return outcomes.Count > 0
            ? Step(outcomes[0], DryRunChoice.First)
            : Step(null, DryRunChoice.First, $"“{node.DisplayName}”没有可走的结果。");
    }

    /// <summary>One expression against the scope, recorded with its value or its error; null when it fails.</summary>
    private (JsonNode? Value, bool Truthy)? Evaluate(string expression, JsonObject scope, List<DryRunEvaluation> evaluations, bool condition)
    {
        try
        {
            if (condition)
            {
                var truthy = expressions.EvaluateCondition(expression, scope);
                evaluations.Add(new DryRunEvaluation(expression, JsonValue.Create(truthy), null));
                return (null, truthy);
            }

            var value = expressions.Evaluate(expression, scope);
            evaluations.Add(new DryRunEvaluation(expression, value?.DeepClone(), null));
            return (value, true);
        }
        catch (ExpressionException e)
        {
            evaluations.Add(new DryRunEvaluation(expression, null, e.Message));
            return null;
        }
    }
}
