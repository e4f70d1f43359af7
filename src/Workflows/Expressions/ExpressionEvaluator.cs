// STUB
using System.Text.Json.Nodes;
namespace Approvals.Workflows.Expressions;
public sealed class ExpressionEvaluator
{
    private readonly int x = 1;
    public JsonNode? Evaluate(string expression, JsonObject scope) => x == 1 ? scope[expression] : null;
    public bool EvaluateCondition(string expression, JsonObject scope) => x == 1 && scope[expression] is null;
    public static string? CheckSyntax(string expression) => null;
}
