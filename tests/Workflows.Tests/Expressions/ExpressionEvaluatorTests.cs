// ExpressionEvaluatorTests: scope/result conversion, resource limits and CLR isolation of the expression sandbox.
using System.Diagnostics;
using System.Text.Json.Nodes;
using Approvals.Workflows.Expressions;

namespace Approvals.Workflows.Tests.Expressions;

public sealed class ExpressionEvaluatorTests
{
    private static readonly TimeSpan RunawayUpperBound = TimeSpan.FromSeconds(2);

    private readonly ExpressionEvaluator _evaluator = new();

    private static JsonObject Scope() => new()
    {
        ["vars"] = new JsonObject
        {
            ["level"] = "national",
            ["count"] = 3,
            ["approved"] = true,
            ["missing"] = null,
            ["tags"] = new JsonArray("a", "b", "c"),
        },
        ["form"] = new JsonObject
        {
            ["amount"] = 12.5,
            ["applicant"] = new JsonObject { ["name"] = "张三", ["dept"] = new JsonObject { ["id"] = 7 } },
        },
    };

    [Theory]
    [InlineData("form.amount > 10 && vars.level === 'national'", true)]
    [InlineData("vars.count === 3", true)]
    [InlineData("vars.approved === true", true)]
    [InlineData("vars.missing === null", true)]
    [InlineData("vars.tags.length === 3 && vars.tags[1] === 'b'", true)]
    [InlineData("Array.isArray(vars.tags)", true)]
    [InlineData("form.applicant.name === '张三' && form.applicant.dept.id === 7", true)]
    [InlineData("form.amount > 100", false)]
    [InlineData("typeof vars.nothing === 'undefined'", true)]
    public void EvaluateCondition_ScopeValues_AreVisibleAsPlainJs(string expression, bool expected)
    {
        Assert.Equal(expected, _evaluator.EvaluateCondition(expression, Scope()));
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("''", false)]
    [InlineData("'x'", true)]
    [InlineData("[]", true)]
    [InlineData("null", false)]
    [InlineData("undefined", false)]
    [InlineData("NaN", false)]
    [InlineData("(function(){})", true)]
    public void EvaluateCondition_NonBooleanResult_UsesJsTruthiness(string expression, bool expected)
    {
        Assert.Equal(expected, _evaluator.EvaluateCondition(expression, []));
    }

    [Fact]
    public void Evaluate_NumberResult_ReturnsJsonNumber()
    {
        var result = _evaluator.Evaluate("form.amount * 2", Scope());

        Assert.Equal(25.0, result!.GetValue<double>());
    }

    [Fact]
    public void Evaluate_StringResult_ReturnsJsonString()
    {
        var result = _evaluator.Evaluate("form.applicant.name + '/' + vars.level", Scope());

        Assert.Equal("张三/national", result!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ObjectResult_ReturnsJsonObject()
    {
        var result = _evaluator.Evaluate("({ ok: vars.approved, dept: form.applicant.dept, none: null })", Scope());

        var obj = Assert.IsType<JsonObject>(result);
        Assert.True(obj["ok"]!.GetValue<bool>());
        Assert.Equal(7, obj["dept"]!["id"]!.GetValue<int>());
        Assert.True(obj.ContainsKey("none"));
        Assert.Null(obj["none"]);
    }

    [Fact]
    public void Evaluate_ArrayResult_ReturnsJsonArray()
    {
        var result = _evaluator.Evaluate("vars.tags.map(t => t.toUpperCase())", Scope());

        var array = Assert.IsType<JsonArray>(result);
        Assert.Equal(["A", "B", "C"], array.Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Evaluate_ScriptWithStatements_ReturnsLastExpressionValue()
    {
        var result = _evaluator.Evaluate("let x = 2; x * 3", []);

        Assert.Equal(6, result!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_Undefined_ReturnsNull()
    {
        Assert.Null(_evaluator.Evaluate("undefined", []));
    }

    [Fact]
    public void Evaluate_ScriptMutatesScope_CallerJsonIsUntouched()
    {
        var scope = Scope();

        _evaluator.Evaluate("form.amount = 0; vars.tags.push('d')", scope);

        Assert.Equal(12.5, scope["form"]!["amount"]!.GetValue<double>());
        Assert.Equal(3, scope["vars"]!["tags"]!.AsArray().Count);
    }

    [Fact]
    public void Evaluate_StrictMode_RejectsUndeclaredAssignment()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("undeclared = 1", []));

        Assert.Equal(ExpressionErrorKind.Runtime, ex.Kind);
        Assert.StartsWith("运行错误", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("while(true){}")]
    [InlineData("for(;;){let a=1}")]
    public void Evaluate_InfiniteLoop_ThrowsWithinTwoSeconds(string expression)
    {
        var stopwatch = Stopwatch.StartNew();

        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(expression, []));

        stopwatch.Stop();
        Assert.True(stopwatch.Elapsed < RunawayUpperBound, $"took {stopwatch.Elapsed}");
        Assert.Equal(expression, ex.Expression);
        Assert.Contains(ex.Kind, new[] { ExpressionErrorKind.StatementLimit, ExpressionErrorKind.Timeout });
    }

    [Fact]
    public void Evaluate_InfiniteLoopWithLargeStatementBudget_HitsTimeout()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with
        {
            MaxStatements = int.MaxValue - 1,
            Timeout = TimeSpan.FromMilliseconds(300),
        });
        var stopwatch = Stopwatch.StartNew();

        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("while(true){}", []));

        Assert.True(stopwatch.Elapsed < RunawayUpperBound, $"took {stopwatch.Elapsed}");
        Assert.Equal(ExpressionErrorKind.Timeout, ex.Kind);
        Assert.Contains("超出执行时间", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RunawayToJsonDuringResultConversion_IsStillBounded()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with
        {
            MaxStatements = int.MaxValue - 1,
            Timeout = TimeSpan.FromMilliseconds(300),
        });
        var stopwatch = Stopwatch.StartNew();

        Assert.Throws<ExpressionException>(() => evaluator.Evaluate("({ toJSON() { while (true) {} } })", []));

        Assert.True(stopwatch.Elapsed < RunawayUpperBound, $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Evaluate_CatastrophicRegex_HitsTimeout()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { Timeout = TimeSpan.FromMilliseconds(300) });
        var stopwatch = Stopwatch.StartNew();

        // A single native call runs no statements, so only the regex timeout can stop it.
        var ex = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("/(a+)+$/.test('a'.repeat(40) + 'b')", []));

        Assert.True(stopwatch.Elapsed < RunawayUpperBound, $"took {stopwatch.Elapsed}");
        Assert.Equal(ExpressionErrorKind.Timeout, ex.Kind);
    }

    [Fact]
    public void Evaluate_InfiniteLoopWithDefaultLimits_ReportsStatementLimit()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("let i = 0; while(true){ i++; }", []));

        Assert.Equal(ExpressionErrorKind.StatementLimit, ex.Kind);
        Assert.Contains("超出语句数限制", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnboundedRecursion_Throws()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("function f(){return f()} f()", []));

        Assert.Equal(ExpressionErrorKind.RecursionLimit, ex.Kind);
    }

    [Theory]
    [InlineData("const o = { valueOf(){ return +o } }; +o")]
    [InlineData("const o = {}; o.toString = () => '' + o; '' + o")]
    [InlineData("new Proxy({}, { get(t, k, r){ return r[k] } }).x")]
    public void Evaluate_RecursionTheDepthLimitDoesNotCount_IsARecursionErrorNotAStackOverflow(string expression)
    {
        // Without the stack guard each of these overflowed the native stack and ended the process (found by fuzzing).
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(expression, []));

        Assert.Equal(ExpressionErrorKind.RecursionLimit, ex.Kind);
    }

    [Theory]
    [InlineData("'x'.repeat(2**28).length")]
    [InlineData("'x'.padStart(2**28, 'yz').length")]
    [InlineData("'x'.padEnd(16e6).length")]
    public void Evaluate_OneCallBuildingAStringPastTheMemoryBudget_IsRefusedBeforeItIsBuilt(string expression)
    {
        // One native call is not seen by the memory limit: 'x'.repeat(2**28) took 6 s and 512 MB (found by fuzzing).
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(expression, []));

        Assert.Equal(ExpressionErrorKind.MemoryLimit, ex.Kind);
    }

    [Theory]
    [InlineData("Array(1e4).fill('x'.repeat(1e6)).join('').length")]
    [InlineData("String(Array(1e4).fill(form.big)).length")]
    [InlineData("`${Array(1e4).fill(form.big)}`.length")]
    public void Evaluate_JoiningManyLongStrings_StopsAtTheMemoryLimit(string expression)
    {
        // Ten thousand references to a megabyte of text joined in one native call ran for 40 s (found by fuzzing).
        var stopwatch = Stopwatch.StartNew();

        var ex = Assert.Throws<ExpressionException>(
            () => _evaluator.Evaluate(expression, new JsonObject { ["form"] = new JsonObject { ["big"] = new string('字', 1_000_000) } }));

        Assert.True(stopwatch.Elapsed < RunawayUpperBound, $"took {stopwatch.Elapsed}");
        Assert.Equal(ExpressionErrorKind.MemoryLimit, ex.Kind);
    }

    [Fact]
    public void Evaluate_JoinOfAnOrdinaryArray_IsUnchanged()
    {
        var result = _evaluator.Evaluate("[[1, null, 'a'].join(), [1, [2, 3]].join('-'), String([4, undefined, 5]), Array.prototype.join.call({ length: 2, 0: 'x', 1: 'y' }, '/')]", []);

        Assert.Equal("[\"1,,a\",\"1-2,3\",\"4,,5\",\"x/y\"]", result!.ToJsonString());
    }

    [Fact]
    public void Evaluate_StringBuildersWithinTheBudget_StillWork()
    {
        var result = _evaluator.Evaluate("['ab'.repeat(3), '7'.padStart(3, '0'), 'x'.padEnd(3, '-'), 'x'.repeat(1e6).length]", []);

        Assert.Equal("[\"ababab\",\"007\",\"x--\",1000000]", result!.ToJsonString());
    }

    [Theory]
    [InlineData("new ArrayBuffer(2**30).byteLength")]
    [InlineData("new Uint8Array(2**30).length")]
    [InlineData("new Float64Array(2**27).length")]
    public void Evaluate_BinaryBuffers_AreNotThere(string expression)
    {
        // new ArrayBuffer(2**28) took a quarter of a gigabyte in one call (found by fuzzing).
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate(expression, []));

        Assert.Contains("is not defined", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RecursionWithinLimit_Succeeds()
    {
        var result = _evaluator.Evaluate("function fact(n){ return n <= 1 ? 1 : n * fact(n - 1) } fact(10)", []);

        Assert.Equal(3628800, result!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_AllocationBomb_Throws()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { MaxStatements = int.MaxValue - 1 });
        var stopwatch = Stopwatch.StartNew();

        var ex = Assert.Throws<ExpressionException>(
            () => evaluator.Evaluate("let a=[]; while(true) a.push('x'.repeat(1000))", []));

        Assert.True(stopwatch.Elapsed < RunawayUpperBound, $"took {stopwatch.Elapsed}");
        Assert.Equal(ExpressionErrorKind.MemoryLimit, ex.Kind);
        Assert.Contains("超出内存限制", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AllocationBombWithDefaultLimits_Throws()
    {
        Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("let a=[]; while(true) a.push('x'.repeat(1000))", []));
    }

    [Theory]
    [InlineData("System.IO.File")]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System')")]
    [InlineData("clrHelper")]
    [InlineData("clrHelper.getType('System.IO.File')")]
    [InlineData("this.constructor.constructor('return process')()")]
    [InlineData("Function('return this')()")]
    [InlineData("eval('1 + 1')")]
    [InlineData("globalThis.System")]
    [InlineData("typeof host !== 'undefined' ? host : undefined")]
    public void Evaluate_ClrReachAttempt_ThrowsOrYieldsNothing(string expression)
    {
        JsonNode? result;
        try
        {
            result = _evaluator.Evaluate(expression, Scope());
        }
        catch (ExpressionException ex)
        {
            Assert.Equal(expression, ex.Expression);
            return;
        }

        Assert.Null(result);
    }

    [Fact]
    public void Evaluate_GlobalNames_ExposeNoClrBridge()
    {
        var result = _evaluator.Evaluate(
            "['System','importNamespace','clrHelper','host','process','require'].filter(n => typeof globalThis[n] !== 'undefined')",
            []);

        Assert.Empty(Assert.IsType<JsonArray>(result));
    }

    [Fact]
    public void Evaluate_SyntaxError_ThrowsSyntaxKind()
    {
        var ex = Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("a >", []));

        Assert.Equal(ExpressionErrorKind.Syntax, ex.Kind);
        Assert.StartsWith("语法错误", ex.Message, StringComparison.Ordinal);
        Assert.Equal("a >", ex.Expression);
    }

    [Fact]
    public void CheckSyntax_ValidExpression_ReturnsNull()
    {
        Assert.Null(ExpressionEvaluator.CheckSyntax("form.amount > 10 && vars.level === 'national'"));
        Assert.Null(ExpressionEvaluator.CheckSyntax("let x = 2; x * 3"));
    }

    [Fact]
    public void CheckSyntax_InvalidExpression_ReturnsMessageWithPosition()
    {
        var message = ExpressionEvaluator.CheckSyntax("a >");

        Assert.NotNull(message);
        Assert.Contains("语法错误", message, StringComparison.Ordinal);
        Assert.Contains("第 1 行", message, StringComparison.Ordinal);
        Assert.Contains("列", message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckSyntax_RunawayScript_DoesNotExecute()
    {
        var stopwatch = Stopwatch.StartNew();

        var message = ExpressionEvaluator.CheckSyntax("while(true){}");

        Assert.Null(message);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromMilliseconds(500), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Evaluate_AfterRunawayScript_StillEvaluatesNormally()
    {
        Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("while(true){}", []));
        Assert.Throws<ExpressionException>(() => _evaluator.Evaluate("function f(){return f()} f()", []));

        Assert.True(_evaluator.EvaluateCondition("form.amount > 10 && vars.level === 'national'", Scope()));
        Assert.Equal(6, _evaluator.Evaluate("let x = 2; x * 3", [])!.GetValue<int>());
    }

    [Fact]
    public async Task Evaluate_ConcurrentCalls_AreIndependent()
    {
        var tasks = Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            _evaluator.Evaluate("let total = 0; for (let k = 0; k < n; k++) total += k; total", new JsonObject { ["n"] = i })!
                .GetValue<int>()));

        var results = await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(0, 16).Select(i => i * (i - 1) / 2), results);
    }

    [Fact]
    public void Constructor_TimeoutAboveOneSecond_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new ExpressionEvaluator(ExpressionLimits.Default with { Timeout = TimeSpan.FromSeconds(5) }));
    }
}
