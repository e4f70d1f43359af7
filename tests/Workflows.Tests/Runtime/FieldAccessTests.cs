using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Runtime;

/// <summary>字段权限: a step changes only the fields it makes editable; the applicant's resubmission is not bound by them.</summary>
public sealed class FieldAccessTests
{
    private static JsonObject Application() => new() { ["majorName"] = "工业机器人应用与维护", ["plannedEnrolment"] = 45, ["remarks"] = "校内备注" };

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_ChangingAFieldTheStepDoesNotMakeEditable_IsInvalidAndTheTaskStaysOpen(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("field-access.json");
        var id = await engine.StartAsync("test-field-access", Application());

        var renamed = await engine.DecideAsync(id, "approve", data: new JsonObject { ["majorName"] = "数控加工", ["plannedEnrolment"] = 40 });
        var hidden = await engine.DecideAsync(id, "approve", data: new JsonObject { ["remarks"] = "改掉" });

        Assert.Equal(RunStatus.Invalid, renamed.Status);
        Assert.Equal(["form.majorName"], renamed.Errors!.Keys);
        Assert.Equal("“市局审核”不能修改“专业名称”。", Assert.Single(renamed.Errors["form.majorName"]));
        Assert.Equal(["form.remarks"], hidden.Errors!.Keys);
        Assert.Equal("city", (await engine.SingleOpenTaskAsync(id)).NodeId);
        Assert.Equal("工业机器人应用与维护", (await engine.FormAsync(id))["majorName"]!.GetValue<string>());
        Assert.DoesNotContain(await engine.JournalAsync(id), j => j.Kind == "decision");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_ChangingAnEditableField_IsMerged(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("field-access.json");
        var id = await engine.StartAsync("test-field-access", Application());

        var result = await engine.DecideAsync(id, "approve", data: new JsonObject { ["plannedEnrolment"] = 40 });

        Assert.Equal((RunStatus.Ok, InstanceStatus.Finished), (result.Status, result.InstanceStatus));
        Assert.Equal(40, (await engine.FormAsync(id))["plannedEnrolment"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Resubmission_MayChangeAnyField(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("field-access.json");
        var id = await engine.StartAsync("test-field-access", Application());
        Assert.Equal(RunStatus.Ok, (await engine.DecideAsync(id, "return")).Status);

        var resubmit = await engine.SingleOpenTaskAsync(id);
        var result = await engine.Runtime.CompleteTaskAsync(resubmit.Id,
            new TaskDecision("resubmit", "applicant") { Data = new JsonObject { ["majorName"] = "数控加工" } });

        Assert.Equal(RunStatus.Ok, result.Status);
        Assert.Equal("数控加工", (await engine.FormAsync(id))["majorName"]!.GetValue<string>());
    }

    [Fact]
    public void Validate_UnknownFieldOrPermission_IsAProblemOnTheNode()
    {
        var definition = DefinitionJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Definitions", "field-access.json")));
        var city = definition.Nodes.Single(n => n.Id == "city");
        city.Inputs[FieldAccess.InputName] = new JsonObject { ["campus"] = "editable", ["remarks"] = "secret", ["majorName"] = "readonly" };

        var problems = new DefinitionValidator(ActivityRegistry.Default).Validate(definition);

        Assert.Equal([("city", "unknown-field"), ("city", "bad-field-access")], problems.Select(p => (p.NodeId, p.Code)));
        Assert.Contains("申请表没有字段“campus”", problems[0].Message);
        Assert.Contains("可编辑、只读、隐藏", problems[1].Message);
    }

    [Theory]
    [InlineData("hidden", false)]
    [InlineData("editable", true)]
    public void Validate_AnExpertReviewMayHideButNotEdit(string level, bool refused)
    {
        var definition = DefinitionJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Definitions", "expert-review.json")));
        definition.Nodes.Single(n => n.Id == "review").Inputs[FieldAccess.InputName] = new JsonObject { ["majorName"] = level };

        var problems = new DefinitionValidator(ActivityRegistry.Default).Validate(definition);

        Assert.Equal(refused, problems.Any(p => p.NodeId == "review" && p.Message.Contains("不能设为可编辑（“majorName”）", StringComparison.Ordinal)));
        Assert.Equal(refused ? 1 : 0, problems.Count);
    }

    [Fact]
    public void HiddenAt_NamesTheHiddenFields_AndNoneWithoutADeclaration()
    {
        var definition = DefinitionJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Definitions", "field-access.json")));
        var plain = DefinitionJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Definitions", "form-approval.json")));

        Assert.Equal(["remarks"], FieldAccess.HiddenAt(definition.Nodes.Single(n => n.Id == "city")));
        Assert.Empty(FieldAccess.HiddenAt(plain.Nodes.Single(n => n.Id == "city")));
    }
}
