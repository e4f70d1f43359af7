using System.Diagnostics;
using System.Text.Json.Nodes;
using Approvals.Workflows.Expressions;

namespace Approvals.Workflows.Tests.Expressions;

public sealed class ExpressionEvaluatorTests
{
    private static readonly ExpressionEvaluator Evaluator = new();

    private static JsonObject Scope() => new()
    {
        ["vars"] = new JsonObject { ["level"] = "national", ["quota"] = 3, ["approved"] = true, ["nothing"] = null },
        ["form"] = new JsonObject { ["amount"] = 12000.5, ["majors"] = new JsonArray("数控加工", "工业机器人"), ["school"] = new JsonObject { ["type"] = "技师学院" } },
    };

    [Fact]
    public void Evaluate_ScopeValues_AreVisibleAsPlainJson()
    {
        Assert.True(Evaluator.EvaluateCondition("vars.level === 'national' && form.amount > 12000 && vars.approved", Scope()));
        Assert.Equal(2, Evaluator.Evaluate("form.majors.length", Scope())!.GetValue<int>());
        Assert.Equal("技师学院", Evaluator.Evaluate("form.school.type", Scope())!.GetValue<string>());
        Assert.True(Evaluator.EvaluateCondition("vars.nothing === null", Scope()));
    }

    [Fact]
    public void Evaluate_ObjectsArraysAndScripts_ComeBackAsJson()
    {
        var result = Evaluator.Evaluate("let n = vars.quota * 2; ({ n, list: form.majors.map(m => m + '专业') })", Scope())!;

        Assert.Equal(6, result["n"]!.GetValue<int>());
        Assert.Equal("数控加工专业", result["list"]![0]!.GetValue<string>());
        Assert.Null(Evaluator.Evaluate("undefined", Scope()));
    }

    [Theory]
    [InlineData("while(true){}")]
    [InlineData("for(;;){ let a = 1; }")]
    [InlineData("function f(){ return f(); } f()")]
    [InlineData("let a = []; while(true) a.push('x'.repeat(1000))")]
    public void Evaluate_RunawayScript_EndsWithinItsLimits(string script)
    {
        var watch = Stopwatch.StartNew();

        var error = Assert.Throws<ExpressionException>(() => Evaluator.Evaluate(script, Scope()));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error.Message);
        Assert.Equal(script, error.Expression);
        Assert.Equal(3, Evaluator.Evaluate("vars.quota", Scope())!.GetValue<int>());
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System').IO.File")]
    [InlineData("clrHelper.getType()")]
    [InlineData("this.constructor.constructor('return process')().exit()")]
    [InlineData("require('fs')")]
    public void Evaluate_AttemptToReachDotNet_Fails(string script) =>
        Assert.Throws<ExpressionException>(() => Evaluator.Evaluate(script, Scope()));

    [Fact]
    public void CheckSyntax_ValidAndBroken_ReportsOnlyTheBroken()
    {
        Assert.Null(ExpressionEvaluator.CheckSyntax("form.amount > 10000"));
        Assert.Null(ExpressionEvaluator.CheckSyntax("while(true){}"));
        var error = ExpressionEvaluator.CheckSyntax("form.amount >");
        Assert.NotNull(error);
        Assert.StartsWith("语法错误", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateCondition_Truthiness_FollowsJavaScript()
    {
        Assert.False(Evaluator.EvaluateCondition("0", Scope()));
        Assert.False(Evaluator.EvaluateCondition("''", Scope()));
        Assert.False(Evaluator.EvaluateCondition("null", Scope()));
        Assert.True(Evaluator.EvaluateCondition("'否'", Scope()));
        Assert.True(Evaluator.EvaluateCondition("[]", Scope()));
    }
}
