// Fuzz: hostile expressions (endless loops, deep recursion, huge allocations, reaching for the CLR, huge inputs) end
// within the sandbox's limits with a clear error, and a step that runs one faults its case with an incident.
using System.Diagnostics;
using System.Text.Json.Nodes;
using Approvals.Tests.Fuzzing;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Expressions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Approvals.Workflows.Tests.Expressions;

[Trait("Category", "Fuzz")]
public sealed class ExpressionFuzzTests(ITestOutputHelper output)
{
    /// <summary>The one-second budget plus room for a machine busy with other work; a runaway ran for 6 to 40 s.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>Words that would show a CLR object, type or namespace reached from inside the sandbox.</summary>
    private static readonly string[] ClrMarks = ["System.", "Jint.", "Approvals.", "mscorlib", "CLR", "clr"];

    private static readonly ExpressionEvaluator Evaluator = new();

    /// <summary>A hostile expression, what it tries, and the scope it runs over.</summary>
    public sealed record Hostile(string Kind, string Expression, int InputChars)
    {
        public override string ToString() => $"{Kind}: {Expression} (input {InputChars} chars)";
    }

    [Fact]
    public async Task Evaluate_HostileExpression_EndsWithinTheLimitsWithAResultOrAClearError()
    {
        var inputs = FuzzRun.Inputs(Expressions(), nameof(Evaluate_HostileExpression_EndsWithinTheLimitsWithAResultOrAClearError));
        // The first evaluation in the process compiles the engine: not the expression's time.
        Assert.Equal(2, Evaluator.Evaluate("1 + 1", [])!.GetValue<int>());

        await FuzzRun.CheckAsync(inputs, "hostile expressions", input =>
        {
            var scope = Scope(input.InputChars);
            var watch = Stopwatch.StartNew();
            JsonNode? result;
            try
            {
                result = Evaluator.Evaluate(input.Expression, scope);
            }
            catch (ExpressionException ex)
            {
                return Task.FromResult(Timely(watch) ?? Clear(ex, input));
            }

            return Task.FromResult(Timely(watch) ?? Harmless(result, input));
        }, output.WriteLine);
    }

    [Fact]
    public async Task Start_StepWithAHostileExpression_FaultsWithAnIncidentAndTheEngineGoesOn()
    {
        await using var engine = await EngineHarness.CreateAsync("sqlite");
        await engine.PublishAsync("start-end.json");
        // A tenth of the run size: each input publishes a definition, starts a case of it and reads back its incident.
        var inputs = FuzzRun.Inputs(Expressions().Where(h => h.Kind != "clr"), nameof(Start_StepWithAHostileExpression_FaultsWithAnIncidentAndTheEngineGoesOn), Math.Max(4, FuzzRun.Runs / 10));
        var published = 0;

        await FuzzRun.CheckAsync(inputs, "hostile steps", async input =>
        {
            var id = $"fuzz-hostile-{published++}";
            await engine.PublishAsync(HostileStep(id, input.Expression));
            var watch = Stopwatch.StartNew();
            var result = await engine.Runtime.StartAsync(new StartRequest(id)
            {
                // A form of megabytes is the host's to refuse (its request limits); the engine gets the hostile expression.
                Form = Scope(Math.Min(input.InputChars, 100_000))["form"]!.AsObject(),
                InitiatorOrgId = TestOrganizations.School,
            });
            output.WriteLine($"{watch.ElapsedMilliseconds} ms, {result.InstanceStatus}: {input}");
            if (Timely(watch) is { } slow)
            {
                return slow;
            }

            if (result.InstanceStatus == InstanceStatus.Finished)
            {
                // The expression yielded a value within the limits (a native call that finished in time, say).
                return null;
            }

            if (result.InstanceStatus != InstanceStatus.Faulted)
            {
                return $"the case is {result.InstanceStatus} ({result.Status})";
            }

            await using var db = engine.Database.CreateContext();
            var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.InstanceId == result.InstanceId);
            return incident is null ? "faulted without an incident"
                : incident.NodeId != "compute" ? $"the incident is on {incident.NodeId}"
                : !ChineseText(incident.Message) ? $"the incident says “{incident.Message}”"
                : null;
        }, output.WriteLine);

        var other = await engine.StartAsync("test-start-end", new JsonObject { ["title"] = "x" });
        Assert.Equal(InstanceStatus.Finished, (await engine.InstanceAsync(other)).Status);
    }

    private static string? Timely(Stopwatch watch) => watch.Elapsed < Bound ? null : $"took {watch.Elapsed.TotalSeconds:F1} s";

    private static string? Clear(ExpressionException ex, Hostile input) =>
        ex.Expression != input.Expression ? "the error names another expression"
        : !ChineseText(ex.Message) ? $"the error says “{ex.Message}”"
        : ClrMarks.Any(m => ex.Message.Contains(m, StringComparison.Ordinal) && input.Kind == "clr" && ex.Kind != ExpressionErrorKind.Runtime)
            ? $"the error shows the CLR: {ex.Message}"
            : null;

    /// <summary>A result is fine unless it hands out something of the CLR.</summary>
    private static string? Harmless(JsonNode? result, Hostile input)
    {
        var text = result?.ToJsonString() ?? "";
        return input.Kind == "clr" && ClrMarks.Any(m => text.Contains(m, StringComparison.Ordinal)) ? $"reached the CLR: {FuzzRun.Describe(text)}" : null;
    }

    private static bool ChineseText(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    private static JsonObject Scope(int inputChars) => new()
    {
        ["form"] = new JsonObject
        {
            ["big"] = new string('字', inputChars),
            ["list"] = new JsonArray([.. Enumerable.Range(0, Math.Min(inputChars, 10_000)).Select(i => (JsonNode)i)]),
            ["amount"] = 12.5,
        },
        ["vars"] = new JsonObject { ["level"] = "national" },
    };

    private static WorkflowDefinition HostileStep(string id, string expression) => new()
    {
        Id = id,
        Name = "含恶意表达式的流程",
        Variables = [new VariableDefinition { Name = "result", Type = "object" }],
        Nodes =
        [
            new NodeDefinition { Id = "start", Kind = "Start" },
            new NodeDefinition { Id = "compute", Kind = "SetVariable", Inputs = new JsonObject { ["variable"] = "result", ["value"] = expression } },
            new NodeDefinition { Id = "end", Kind = "End" },
        ],
        Edges =
        [
            new EdgeDefinition { Source = "start", Outcome = "done", Target = "compute" },
            new EdgeDefinition { Source = "compute", Outcome = "done", Target = "end" },
        ],
    };

    /// <summary>Hostile expressions built from templates with generated sizes, names and nesting.</summary>
    private static Gen<Hostile> Expressions()
    {
        var size = Gen.Elements("1000", "1e6", "16e6", "2**28", "2**30 - 1", "2**31 - 1", "2**32 - 1", "1e15");
        var depth = Gen.Elements(10, 1_000, 100_000, 10_000_000);
        var name = Gen.Elements("System", "importNamespace", "host", "clrHelper", "process", "require", "Java", "Packages", "window", "global", "__proto__");
        var loops = Gen.Elements(
            "while(true){}", "for(;;){}", "do{}while(1)", "let i=0; while(true){i++}", "for(const x of (function*(){while(true) yield 1})()){}",
            "[1].forEach(function f(){ while(true){} })", "Array.from({length: 1e9}, (_, i) => i).length", "new Promise(() => { while(true){} })",
            "label: for(;;){ continue label }", "({ toJSON(){ for(;;){} } })", "/(a+)+$/.test('a'.repeat(50) + 'b')",
            "/(x+x+)+y/.test('x'.repeat(5000))", "'a'.repeat(100000).replace(/a/g, () => { for(;;){} })")
            .Select(e => new Hostile("loop", e, 0));
        var recursion = Gen.OneOf(
            depth.Select(d => new Hostile("recursion", $"function f(n){{ return n <= 0 ? 0 : 1 + f(n - 1) }} f({d})", 0)),
            depth.Select(d => new Hostile("recursion", $"let o = {{}}; for (let i = 0; i < {d}; i++) o = {{ o }}; JSON.stringify(o).length", 0)),
            depth.Select(d => new Hostile("recursion", $"let a = []; for (let i = 0; i < {d}; i++) a = [a]; String(a).length", 0)),
            Gen.Elements(
                "const f = () => f(); f()", "function a(){ return b() } function b(){ return a() } a()",
                "const o = {}; o.toString = () => String(o); String(o)", "const p = new Proxy({}, { get: (t, k, r) => r[k] }); p.x",
                "const o = { valueOf(){ return +o } }; +o", "const o = { get x(){ return this.x } }; o.x", "const o = {}; o.toString = () => '' + o; '' + o",
                "const p = new Proxy({}, { has: (t, k) => k in p }); 'x' in p", "class A { constructor(){ new A() } } new A()",
                "class A { get x(){ return this.x } } new A().x", "[].concat.apply([], Array(1e6).fill([1])).length",
                "JSON.parse('['.repeat(100000) + ']'.repeat(100000))")
                .Select(e => new Hostile("recursion", e, 0)));
        var allocation = Gen.OneOf(
            size.Select(n => new Hostile("allocation", $"'x'.repeat({n}).length", 0)),
            size.Select(n => new Hostile("allocation", $"new Array({n}).fill(0).length", 0)),
            size.Select(n => new Hostile("allocation", $"new Array({n}).join('x').length", 0)),
            size.Select(n => new Hostile("allocation", $"'x'.padStart({n}, 'yz').length", 0)),
            size.Select(n => new Hostile("allocation", $"new Uint8Array({n}).length", 0)),
            size.Select(n => new Hostile("allocation", $"new ArrayBuffer({n}).byteLength", 0)),
            size.Select(n => new Hostile("allocation", $"Array.from({{ length: {n} }}).length", 0)),
            size.Select(n => new Hostile("allocation", $"[...Array({n}).keys()].length", 0)),
            size.Select(n => new Hostile("allocation", $"'x'.repeat({n}).split('').length", 0)),
            size.Select(n => new Hostile("allocation", $"new Map(Array.from({{ length: {n} }}, (_, i) => [i, i])).size", 0)),
            Gen.Elements(
                "let s = 'x'; while(true) s += s", "let a = []; while(true) a.push(a.slice())", "let s = 'ab'; for(;;) s = s + s + s",
                "let a = [1]; for(;;) a = a.concat(a)", "JSON.stringify(Array(1e7).fill({a: 'x'.repeat(100)})).length")
                .Select(e => new Hostile("allocation", e, 0)));
        var clr = Gen.OneOf(
            name.Select(n => new Hostile("clr", $"typeof {n} === 'undefined' ? null : String({n})", 0)),
            name.Select(n => new Hostile("clr", $"globalThis['{n}']", 0)),
            name.Select(n => new Hostile("clr", $"{n}.IO.File.ReadAllText('/etc/passwd')", 0)),
            Gen.Elements(
                "importNamespace('System.IO').File.ReadAllText('/etc/passwd')", "this.constructor.constructor('return this')()",
                "(function(){}).constructor('return 1')()", "Object.getPrototypeOf(function*(){}).constructor('yield 1')().next()",
                "Object.getPrototypeOf(async function(){}).constructor('return 1')()", "form.GetType()", "form.big.GetType().Assembly",
                "vars.constructor.constructor('return globalThis')()", "Reflect.ownKeys(globalThis).join(',')", "eval('1 + 1')",
                "new Function('return 1')()", "import('fs')", "require('fs')", "Object.getOwnPropertyNames(globalThis).filter(n => /clr|System|host/i.test(n))",
                "[].constructor.constructor('return process')()", "Symbol.for('clr')", "setTimeout(() => 1, 0)", "new WebAssembly.Module(new Uint8Array(8))",
                "Error.prepareStackTrace = (e, s) => s; new Error().stack")
                .Select(e => new Hostile("clr", e, 0)));
        var hugeInput = Gen.Elements(
                "form.big.length", "JSON.stringify(form).length", "form.big.repeat(1000).length", "form.big.split('').reverse().join('').length",
                "form.list.map(x => form.big).join('').length", "form.list.reduce((a, x) => a + x, 0)", "JSON.parse(JSON.stringify(form)).list.length",
                "form.list.sort((a, b) => b - a)[0]")
            .SelectMany(e => Gen.Elements(100_000, 1_000_000, 5_000_000), (e, chars) => new Hostile("input", e, chars));
        return Gen.Frequency(
            (3, loops), (3, recursion), (4, allocation), (4, clr), (1, hugeInput));
    }
}
