// ExpressionEvaluator: runs workflow conditions as sandboxed, strict-mode JavaScript (Jint) over a JSON scope.
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using JsJsonSerializer = Jint.Native.Json.JsonSerializer;
using Jint.Runtime;

namespace Approvals.Workflows.Expressions;

/// <summary>
/// Evaluates expressions with no CLR access: the scope crosses into the engine as JSON text and the result
/// comes back the same way. Thread-safe; each call gets its own engine because a Jint engine is not.
/// </summary>
public sealed class ExpressionEvaluator
{
    // Conditions are a small, fixed set per workflow definition; the bound only stops unbounded growth
    // from ad-hoc expressions, so dropping everything when full is good enough.
    private const int MaxCachedScripts = 512;

    private static readonly ConcurrentDictionary<string, Prepared<Script>> ScriptCache = new(StringComparer.Ordinal);

    private readonly ExpressionLimits _limits;

    public ExpressionEvaluator(ExpressionLimits? limits = null)
    {
        _limits = limits ?? ExpressionLimits.Default;
        if (_limits.Timeout <= TimeSpan.Zero || _limits.Timeout > TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(limits), _limits.Timeout, "Timeout must be positive and at most one second.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_limits.MaxStatements, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_limits.MemoryBytes, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegative(_limits.MaxRecursionDepth, nameof(limits));
    }

    /// <summary>Evaluates <paramref name="expression"/>; the value of the last expression statement is returned as JSON.</summary>
    /// <exception cref="ExpressionException">Syntax error, exceeded limit or a JavaScript error.</exception>
    public JsonNode? Evaluate(string expression, JsonObject scope) =>
        Run(expression, scope, static (engine, result) =>
        {
            // Serialised by the engine (JSON.stringify semantics): undefined, functions and symbols yield undefined.
            var json = new JsJsonSerializer(engine).Serialize(result);
            return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
        });

    /// <summary>Evaluates <paramref name="expression"/> and applies JavaScript truthiness to the result.</summary>
    /// <exception cref="ExpressionException">Syntax error, exceeded limit or a JavaScript error.</exception>
    public bool EvaluateCondition(string expression, JsonObject scope) =>
        // Truthiness is taken from the JS value itself; a JSON round trip would turn e.g. a function into null.
        Run(expression, scope, static (_, result) => TypeConverter.ToBoolean(result));

    /// <summary>Parses without executing. Returns null when the text parses, otherwise a message with line and column.</summary>
    public static string? CheckSyntax(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
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

    private T Run<T>(string expression, JsonObject scope, Func<Engine, JsValue, T> convert)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);

        var script = Prepare(expression);
        // Belt and braces next to the engine timeout: the token bounds the whole call, including script code that
        // runs outside Evaluate, e.g. a toJSON method invoked while the result is serialised.
        using var deadline = new CancellationTokenSource(_limits.Timeout);
        using var engine = CreateEngine(deadline.Token);
        try
        {
            ImportScope(engine, scope);
            return convert(engine, engine.Evaluate(script));
        }
        catch (Exception ex) when (Translate(expression, ex) is { } translated)
        {
            throw translated;
        }
    }

    private static Prepared<Script> Prepare(string expression)
    {
        if (ScriptCache.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        Prepared<Script> prepared;
        try
        {
            prepared = Engine.PrepareScript(expression, source: "expression", strict: true);
        }
        catch (Exception ex) when (FindParseError(ex) is { } parseError)
        {
            throw new ExpressionException(
                ExpressionErrorKind.Syntax,
                expression,
                $"语法错误（第 {parseError.LineNumber} 行，第 {parseError.Column} 列）：{parseError.Error?.Description ?? parseError.Message}",
                ex);
        }
        catch (ScriptPreparationException ex)
        {
            throw new ExpressionException(ExpressionErrorKind.Syntax, expression, $"语法错误：{ex.Message}", ex);
        }

        if (ScriptCache.Count >= MaxCachedScripts)
        {
            ScriptCache.Clear();
        }

        ScriptCache.TryAdd(expression, prepared);
        return prepared;
    }

    private static ParseErrorException? FindParseError(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is ParseErrorException parseError)
            {
                return parseError;
            }
        }

        return null;
    }

    private Engine CreateEngine(CancellationToken cancellation) =>
        new(options =>
        {
            // Interop stays at its default (off): no AllowClr, no CLR values handed in.
            options.Strict();
            options.DisableStringCompilation();
            options.MaxStatements(_limits.MaxStatements);
            options.TimeoutInterval(_limits.Timeout);
            options.LimitMemory(_limits.MemoryBytes);
            options.LimitRecursion(_limits.MaxRecursionDepth);
            options.CancellationToken(cancellation);
            options.Constraints.RegexTimeout = _limits.Timeout;
        });

    private static void ImportScope(Engine engine, JsonObject scope)
    {
        // Parsed by the engine's own JSON parser so the script sees ordinary JS objects, never CLR wrappers.
        var root = new JsonParser(engine).Parse(scope.ToJsonString()).AsObject();
        foreach (var (name, _) in scope)
        {
            engine.SetValue(name, root.Get(name));
        }
    }

    private static ExpressionException? Translate(string expression, Exception ex) => ex switch
    {
        ExpressionException => null,
        TimeoutException or ExecutionCanceledException or OperationCanceledException =>
            new ExpressionException(ExpressionErrorKind.Timeout, expression, "超出执行时间限制", ex),
        StatementsCountOverflowException =>
            new ExpressionException(ExpressionErrorKind.StatementLimit, expression, "超出语句数限制", ex),
        MemoryLimitExceededException =>
            new ExpressionException(ExpressionErrorKind.MemoryLimit, expression, "超出内存限制", ex),
        RecursionDepthOverflowException =>
            new ExpressionException(ExpressionErrorKind.RecursionLimit, expression, "超出递归深度限制", ex),
        JavaScriptException js =>
            new ExpressionException(ExpressionErrorKind.Runtime, expression, $"运行错误: {js.Message}", ex),
        JintException or JsonException or InvalidOperationException or ArgumentException =>
            new ExpressionException(ExpressionErrorKind.Runtime, expression, $"运行错误: {ex.Message}", ex),
        _ => null,
    };
}
