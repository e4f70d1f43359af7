// Finds every problem of a definition at once, each with the node it belongs to, so the designer can mark them all.
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Expressions;

namespace Approvals.Workflows.Definitions;

public sealed class DefinitionValidator(ActivityRegistry activities)
{
    public IReadOnlyList<DefinitionProblem> Validate(WorkflowDefinition definition)
    {
        var problems = new List<DefinitionProblem>();
        if (string.IsNullOrWhiteSpace(definition.Id))
        {
            problems.Add(new(null, "missing-id", "流程定义缺少标识（id）。"));
        }

        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            problems.Add(new(null, "missing-name", "流程定义缺少名称。"));
        }

        var nodes = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
        foreach (var node in definition.Nodes)
        {
            if (string.IsNullOrWhiteSpace(node.Id))
            {
                problems.Add(new(null, "missing-node-id", $"有一个“{node.Name ?? node.Kind}”节点缺少标识。"));
            }
            else if (!nodes.TryAdd(node.Id, node))
            {
                problems.Add(new(node.Id, "duplicate-node", $"节点标识 {node.Id} 重复。"));
            }
        }

        var starts = definition.Nodes.Where(n => n.Kind == "Start").ToList();
        if (starts.Count != 1)
        {
            problems.Add(new(starts.Skip(1).FirstOrDefault()?.Id, "start-count", $"流程必须有且只有一个“开始”节点，现在有 {starts.Count} 个。"));
        }

        var variables = definition.Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var node in nodes.Values)
        {
            if (activities.Find(node.Kind) is not { } activity)
            {
                problems.Add(new(node.Id, "unknown-kind", $"节点“{node.DisplayName}”的活动类型 {node.Kind} 不存在。"));
                continue;
            }

            problems.AddRange(ValidateInputs(node, activity.Descriptor, nodes, variables, Start.FormOf(definition)));
            problems.AddRange(activity.Validate(node, definition));
        }

        foreach (var edge in definition.Edges)
        {
            if (!nodes.TryGetValue(edge.Source, out var source))
            {
                problems.Add(new(edge.Target, "dangling-edge", $"连线的起点 {edge.Source} 不存在。"));
                continue;
            }

            if (!nodes.ContainsKey(edge.Target))
            {
                problems.Add(new(edge.Source, "dangling-edge", $"从“{source.DisplayName}”出发的连线指向不存在的节点 {edge.Target}。"));
            }

            if (activities.Find(source.Kind) is { } activity && !activity.OutcomesOf(source).Contains(edge.Outcome))
            {
                problems.Add(new(edge.Source, "unknown-outcome",
                    $"“{source.DisplayName}”没有结果“{edge.Outcome}”（可用：{string.Join("、", activity.OutcomesOf(source))}）。"));
            }
        }

        if (starts.Count == 1)
        {
            var reached = Reachable(starts[0].Id, definition.Edges);
            problems.AddRange(nodes.Values.Where(n => !reached.Contains(n.Id))
                .Select(n => new DefinitionProblem(n.Id, "unreachable", $"节点“{n.DisplayName}”从开始节点无法到达。")));
        }

        problems.AddRange(CyclesWithoutWaiting(nodes, definition.Edges));
        return problems;
    }

    private static IEnumerable<DefinitionProblem> ValidateInputs(
        NodeDefinition node, ActivityDescriptor descriptor, Dictionary<string, NodeDefinition> nodes, HashSet<string> variables,
        FormDefinition? form)
    {
        foreach (var input in descriptor.Inputs)
        {
            node.Inputs.TryGetPropertyValue(input.Name, out var value);
            if (IsEmpty(value))
            {
                if (input.Required && input.Default is null)
                {
                    yield return new(node.Id, "missing-input", $"“{node.DisplayName}”缺少必填项“{input.DisplayName}”。");
                }

                continue;
            }

            if (value is JsonObject computed && computed.Count == 1 && computed["expr"] is JsonValue expr)
            {
                if (Syntax(node, input, expr.ToString()) is { } problem)
                {
                    yield return problem;
                }

                continue;
            }

            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            switch (input.Type)
            {
                case InputType.Expression when text is not null:
                    if (Syntax(node, input, text) is { } syntaxProblem)
                    {
                        yield return syntaxProblem;
                    }

                    break;
                case InputType.Expression:
                    yield return new(node.Id, "bad-expression", $"“{node.DisplayName}”的“{input.DisplayName}”应为表达式文本。");
                    break;
                case InputType.Select when input.Options is { } options && (text is null || !options.Contains(text)):
                    yield return new(node.Id, "bad-option",
                        $"“{node.DisplayName}”的“{input.DisplayName}”只能是 {string.Join("、", options)} 之一。");
                    break;
                case InputType.Number when value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number:
                    yield return new(node.Id, "bad-number", $"“{node.DisplayName}”的“{input.DisplayName}”应为数字。");
                    break;
                case InputType.NodeRef when text is null || !nodes.ContainsKey(text):
                    yield return new(node.Id, "bad-node-ref", $"“{node.DisplayName}”的“{input.DisplayName}”指向不存在的节点 {text}。");
                    break;
                case InputType.FieldAccess:
                    foreach (var accessProblem in FieldAccess.Validate(node, value, form))
                    {
                        yield return accessProblem;
                    }

                    break;
                case InputType.Cases:
                    foreach (var caseProblem in ValidateCases(node, input, value))
                    {
                        yield return caseProblem;
                    }

                    break;
                case InputType.Text when input.Name == "variable" && text is not null && !variables.Contains(text):
                    yield return new(node.Id, "unknown-variable", $"“{node.DisplayName}”引用了未声明的变量 {text}。");
                    break;
            }
        }
    }

    private static IEnumerable<DefinitionProblem> ValidateCases(NodeDefinition node, InputDescriptor input, JsonNode? value)
    {
        if (value is not JsonArray cases)
        {
            yield return new(node.Id, "bad-cases", $"“{node.DisplayName}”的“{input.DisplayName}”应为分支列表。");
            yield break;
        }

        foreach (var entry in cases)
        {
            var outcome = entry?["outcome"]?.ToString();
            var condition = entry?["condition"]?.ToString();
            if (string.IsNullOrWhiteSpace(outcome) || string.IsNullOrWhiteSpace(condition))
            {
                yield return new(node.Id, "bad-cases", $"“{node.DisplayName}”的每个分支都需要名称（outcome）和条件（condition）。");
            }
            else if (Syntax(node, input, condition) is { } problem)
            {
                yield return problem;
            }
        }
    }

    private static DefinitionProblem? Syntax(NodeDefinition node, InputDescriptor input, string expression) =>
        ExpressionEvaluator.CheckSyntax(expression) is { } error
            ? new(node.Id, "bad-expression", $"“{node.DisplayName}”的“{input.DisplayName}”表达式有误：{error}")
            : null;

    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s),
        JsonArray a => a.Count == 0,
        _ => false,
    };

    private static HashSet<string> Reachable(string start, IReadOnlyList<EdgeDefinition> edges)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { start };
        var frontier = new Stack<string>([start]);
        while (frontier.TryPop(out var current))
        {
            foreach (var edge in edges.Where(e => e.Source == current))
            {
                if (reached.Add(edge.Target))
                {
                    frontier.Push(edge.Target);
                }
            }
        }

        return reached;
    }

    /// <summary>Tarjan's strongly connected components: a loop that never waits would spin forever.</summary>
    private IEnumerable<DefinitionProblem> CyclesWithoutWaiting(Dictionary<string, NodeDefinition> nodes, IReadOnlyList<EdgeDefinition> edges)
    {
        var successors = nodes.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var edge in edges.Where(e => nodes.ContainsKey(e.Source) && nodes.ContainsKey(e.Target)))
        {
            successors[edge.Source].Add(edge.Target);
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        var counter = 0;

        void Connect(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in successors[v])
            {
                if (!index.TryGetValue(w, out var wIndex))
                {
                    Connect(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], wIndex);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                components.Add(component);
            }
        }

        foreach (var v in nodes.Keys.Where(v => !index.ContainsKey(v)))
        {
            Connect(v);
        }

        foreach (var component in components)
        {
            var isCycle = component.Count > 1 || successors[component[0]].Contains(component[0]);
            if (!isCycle || component.Any(id => activities.Find(nodes[id].Kind)?.Descriptor.Blocking == true))
            {
                continue;
            }

            var names = string.Join(" → ", component.Select(id => nodes[id].DisplayName));
            foreach (var id in component.Order(StringComparer.Ordinal))
            {
                yield return new(id, "cycle-without-wait", $"循环（{names}）中没有需要等待的环节，流程会无限循环。");
            }
        }
    }
}
