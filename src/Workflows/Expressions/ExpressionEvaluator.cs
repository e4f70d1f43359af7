// ExpressionEvaluator: runs workflow conditions as sandboxed, strict-mode JavaScript (Jint) over a JSON scope.
using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Native.Json;
using JsJsonSerializer = Jint.Native.Json.JsonSerializer;
using Jint.Runtime;
using Jint.Runtime.Interop;

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

    /// <summary>
    /// Built-ins a condition has no use for that allocate in one native call, where the memory limit (checked between
    /// statements) cannot see it: <c>new ArrayBuffer(2**30)</c> takes a gigabyte at once.
    /// </summary>
    private static readonly string[] RemovedGlobals =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "WebAssembly", "Int8Array", "Uint8Array", "Uint8ClampedArray",
        "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float16Array", "Float32Array", "Float64Array", "BigInt64Array",
        "BigUint64Array",
    ];

    /// <summary>Chinese text kept as it is rather than escaped (\\u5b57): six times shorter for the engine to parse.</summary>
    private static readonly JsonSerializerOptions ScopeText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
            foreach (var name in RemovedGlobals)
            {
                engine.Global.Delete(name);
            }

            GuardStringBuilders(engine, _limits.MemoryBytes / sizeof(char), deadline.Token);
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
            // Recursion the depth limit does not count (a valueOf that coerces itself, a getter, a Proxy trap) would
            // otherwise overflow the native stack and end the process; with the guard it is a RangeError.
            options.Constraints.StackOverflowGuard = true;
            options.CancellationToken(cancellation);
            options.Constraints.RegexTimeout = _limits.Timeout;
        });

    /// <summary>
    /// The built-ins that build one string in one native call, which neither the memory limit (checked between
    /// statements) nor the timeout can stop: repeat, padStart and padEnd refuse a result longer than
    /// <paramref name="maxLength"/> characters before building it, and join (which also turns an array into text
    /// in String(array) and template literals) counts as it goes and watches the deadline. Without them
    /// <c>'x'.repeat(2**28)</c> took six seconds and half a gigabyte, and joining ten thousand copies of a
    /// megabyte-long form field ran for forty seconds.
    /// </summary>
    private static void GuardStringBuilders(Engine engine, long maxLength, CancellationToken deadline)
    {
        var strings = Prototype(engine, "String");
        GuardLength(engine, strings, "repeat", maxLength, (text, count) => text.Length * TypeConverter.ToNumber(count));
        GuardLength(engine, strings, "padStart", maxLength, (_, length) => TypeConverter.ToNumber(length));
        GuardLength(engine, strings, "padEnd", maxLength, (_, length) => TypeConverter.ToNumber(length));
        var arrays = Prototype(engine, "Array");
        var join = arrays.Get("join");
        arrays.Set("join", new ClrFunction(engine, "join", (thisObject, arguments) =>
        {
            if (!thisObject.IsObject())
            {
                return engine.Call(join, thisObject, arguments);
            }

            var array = thisObject.AsObject();
            var length = TypeConverter.ToLength(array.Get("length"));
            var separator = arguments.Length == 0 || arguments[0].IsUndefined() ? "," : TypeConverter.ToString(arguments[0]);
            var text = new StringBuilder();
            for (ulong index = 0; index < length; index++)
            {
                if (index % 1024 == 0)
                {
                    deadline.ThrowIfCancellationRequested();
                }

                var element = array.Get(index);
                var piece = element.IsNull() || element.IsUndefined() ? "" : TypeConverter.ToString(element);
                if (text.Length + piece.Length + (index > 0 ? separator.Length : 0) > maxLength)
                {
                    throw TooLong();
                }

                text.Append(index > 0 ? separator : "").Append(piece);
            }

            return text.ToString();
        }, 1));
    }

    private static void GuardLength(Engine engine, ObjectInstance prototype, string name, long maxLength, Func<string, JsValue, double> resultLength)
    {
        var original = prototype.Get(name);
        prototype.Set(name, new ClrFunction(engine, name, (thisObject, arguments) =>
        {
            var first = arguments.Length > 0 ? arguments[0] : JsValue.Undefined;
            return !thisObject.IsNull() && !thisObject.IsUndefined() && resultLength(TypeConverter.ToString(thisObject), first) > maxLength
                ? throw TooLong()
                : engine.Call(original, thisObject, arguments);
        }, 1));
    }

    private static MemoryLimitExceededException TooLong() => new("a string longer than the memory limit allows");

    private static ObjectInstance Prototype(Engine engine, string constructor) => engine.Global.Get(constructor).AsObject().Get("prototype").AsObject();

    private static void ImportScope(Engine engine, JsonObject scope)
    {
        // Parsed by the engine's own JSON parser so the script sees ordinary JS objects, never CLR wrappers.
        var root = new JsonParser(engine).Parse(scope.ToJsonString(ScopeText)).AsObject();
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
        // The stack guard's error: recursion the depth limit does not count, such as a valueOf that coerces itself.
        JavaScriptException { Message: "Maximum call stack size exceeded" } =>
            new ExpressionException(ExpressionErrorKind.RecursionLimit, expression, "超出递归深度限制", ex),
        JavaScriptException js =>
            new ExpressionException(ExpressionErrorKind.Runtime, expression, $"运行错误: {js.Message}", ex),
        JintException or JsonException or InvalidOperationException or ArgumentException =>
            new ExpressionException(ExpressionErrorKind.Runtime, expression, $"运行错误: {ex.Message}", ex),
        _ => null,
    };
}
