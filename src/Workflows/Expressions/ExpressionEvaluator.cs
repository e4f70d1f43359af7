// Conditions and values in sandboxed JavaScript (Jint): no .NET reach, and limits on statements, time,
// memory and recursion, so a bad script becomes an incident instead of a hung thread.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace Approvals.Workflows.Expressions;

public sealed record ExpressionLimits(int MaxStatements, TimeSpan Timeout, long MemoryBytes, int MaxRecursionDepth)
{
    public static ExpressionLimits Default { get; } = new(50_000, TimeSpan.FromSeconds(1), 16 * 1024 * 1024, 64);
}

public sealed class ExpressionException(string message, string expression, Exception? inner = null) : Exception(message, inner)
{
    public string Expression { get; } = expression;
}

public sealed class ExpressionEvaluator(ExpressionLimits? limits = null)
{
    private const int CacheSize = 2048;
    private static readonly ConcurrentDictionary<string, Prepared<Acornima.Ast.Script>> Prepared = new(StringComparer.Ordinal);

    private readonly ExpressionLimits limits = limits ?? ExpressionLimits.Default;

    /// <summary>Evaluates the expression (or a small script whose last statement is the value) with the scope's properties as globals.</summary>
    public JsonNode? Evaluate(string expression, JsonObject scope)
    {
        var script = Prepare(expression);
        // An engine is cheap and not thread-safe: one per evaluation, thrown away after.
        var engine = new Engine(options => options
            .Strict()
            .MaxStatements(limits.MaxStatements)
            .TimeoutInterval(limits.Timeout)
            .LimitMemory(limits.MemoryBytes)
            .LimitRecursion(limits.MaxRecursionDepth));
        try
        {
            var parser = new Jint.Native.Json.JsonParser(engine);
            foreach (var (name, value) in scope)
            {
                engine.SetValue(name, value is null ? JsValue.Null : parser.Parse(value.ToJsonString()));
            }

            var result = engine.Evaluate(script);
            if (result.IsUndefined())
            {
                return null;
            }

            var json = new Jint.Native.Json.JsonSerializer(engine).Serialize(result, JsValue.Undefined, JsValue.Undefined);
            return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
        }
        catch (Exception ex) when (ex is not ExpressionException)
        {
            throw new ExpressionException(Describe(ex, expression), expression, ex);
        }
    }

    /// <summary>JavaScript truthiness of the value: null, 0, "" and false are false.</summary>
    public bool EvaluateCondition(string expression, JsonObject scope) => Evaluate(expression, scope) switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<double>(out var d) => d != 0 && !double.IsNaN(d),
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        _ => true,
    };

    /// <summary>Null when the text parses; otherwise the parser's complaint in Chinese. Nothing is executed.</summary>
    public static string? CheckSyntax(string expression)
    {
        try
        {
            Prepare(expression);
            return null;
        }
        catch (ExpressionException ex)
        {
            return ex.Message;
        }
    }

    private static Prepared<Acornima.Ast.Script> Prepare(string expression)
    {
        if (Prepared.TryGetValue(expression, out var known))
        {
            return known;
        }

        Prepared<Acornima.Ast.Script> script;
        try
        {
            script = Engine.PrepareScript(expression, strict: true);
        }
        catch (Exception ex)
        {
            throw new ExpressionException($"语法错误：{ex.Message}", expression, ex);
        }

        if (Prepared.Count >= CacheSize)
        {
            Prepared.Clear();
        }

        Prepared[expression] = script;
        return script;
    }

    private string Describe(Exception ex, string expression) => ex switch
    {
        TimeoutException => $"表达式执行超过 {limits.Timeout.TotalSeconds:0.#} 秒，已中止：{Shorten(expression)}",
        StatementsCountOverflowException => $"表达式执行超过 {limits.MaxStatements} 条语句，已中止：{Shorten(expression)}",
        MemoryLimitExceededException => $"表达式占用内存超过限制，已中止：{Shorten(expression)}",
        RecursionDepthOverflowException => $"表达式递归过深，已中止：{Shorten(expression)}",
        JavaScriptException js => $"表达式运行错误：{js.Message}（{Shorten(expression)}）",
        _ => $"表达式运行错误：{ex.Message}（{Shorten(expression)}）",
    };

    private static string Shorten(string expression) => expression.Length <= 80 ? expression : expression[..80] + "…";
}
