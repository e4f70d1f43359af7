using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Runtime;

public sealed class FormValidationTests
{
    private static JsonObject Application() => new() { ["majorName"] = "工业机器人应用与维护", ["plannedEnrolment"] = 45 };

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_FormBreakingTheStartForm_IsInvalidAndWritesNothing(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("form-approval.json");

        var result = await engine.Runtime.StartAsync(new StartRequest("test-form-approval")
        {
            Form = new JsonObject { ["plannedEnrolment"] = 0, ["campus"] = "东校区" },
            InitiatorUserId = "applicant",
            InitiatorOrgId = TestOrganizations.School,
        });

        Assert.Equal(RunStatus.Invalid, result.Status);
        Assert.Equal(["form.campus", "form.majorName", "form.plannedEnrolment"], result.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("请填写“专业名称”。", Assert.Single(result.Errors["form.majorName"]));
        await using var db = engine.Database.CreateContext();
        Assert.Equal(0, await db.Instances.CountAsync());
        Assert.Equal(0, await db.Journal.CountAsync());
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_ValidForm_Starts(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("form-approval.json");

        var id = await engine.StartAsync("test-form-approval", Application());

        Assert.Equal("city", (await engine.SingleOpenTaskAsync(id)).NodeId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_DataBreakingTheStartForm_IsInvalidAndTheTaskStaysOpen(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("form-approval.json");
        var id = await engine.StartAsync("test-form-approval", Application());

        var result = await engine.DecideAsync(id, "approve", data: new JsonObject { ["plannedEnrolment"] = "很多" });

        Assert.Equal(RunStatus.Invalid, result.Status);
        Assert.Equal("“计划招生人数”应为数字。", Assert.Single(result.Errors!["form.plannedEnrolment"]));
        Assert.Equal("city", (await engine.SingleOpenTaskAsync(id)).NodeId);
        Assert.DoesNotContain(await engine.JournalAsync(id), j => j.Kind == "decision");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CompleteTask_SomeFieldsChanged_IsCheckedOnlyOnThoseFields(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("form-approval.json");
        var id = await engine.StartAsync("test-form-approval", Application());

        var result = await engine.DecideAsync(id, "approve", data: new JsonObject { ["plannedEnrolment"] = 40 });

        Assert.Equal((RunStatus.Ok, InstanceStatus.Finished), (result.Status, result.InstanceStatus));
        Assert.Equal(40, (await engine.FormAsync(id))["plannedEnrolment"]!.GetValue<int>());
    }
}
