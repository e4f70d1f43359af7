using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Activities;

/// <summary>Register keeps a standing record of an organisation; a select field takes its options from a reference list.</summary>
public sealed class RegisterTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Register_AfterTheFormNamedSchoolConfirms_RecordsTheMajorForThatSchool(string database)
    {
        await using var engine = await CreateAsync(database);

        var id = await engine.StartAsync("test-register", Form("0103-4", "数控加工"));
        var task = await engine.SingleOpenTaskAsync(id);
        Assert.Equal(("school_applicant", "school-7"), (task.AssigneeRole, task.AssigneeOrgId));
        Assert.Equal(RunStatus.Ok, (await engine.DecideAsync(id, "done")).Status);

        var record = await SingleRecordAsync(engine);
        Assert.Equal(("school-7", "0103-4", "数控加工", "active", id), (record.OrgId, record.Key, record.Name, record.Status, record.InstanceId));
        Assert.Equal("school", JsonNode.Parse(record.Data)!["confirmedBy"]!.GetValue<string>());
        var registered = Assert.Single(await engine.JournalAsync(id), e => e.Kind == "registered");
        Assert.Null(JsonNode.Parse(registered.Data)!["oldStatus"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Register_SameKeyAgain_UpdatesTheOneRecordAndJournalsTheOldStatus(string database)
    {
        await using var engine = await CreateAsync(database);
        await using (var db = engine.Database.CreateContext())
        {
            db.Registry.Add(new RegistryRecord
            {
                Collection = "school-majors", OrgId = "school-7", Key = "0103-4", Name = "数控加工", Status = "warning",
                InstanceId = InstanceId.New(engine.Clock),
            });
            await db.SaveChangesAsync();
        }

        var id = await engine.StartAsync("test-register", Form("0103-4", "数控加工技术"));
        await engine.DecideAsync(id, "done");

        var record = await SingleRecordAsync(engine);
        Assert.Equal(("数控加工技术", "active", id), (record.Name, record.Status, record.InstanceId));
        var registered = Assert.Single(await engine.JournalAsync(id), e => e.Kind == "registered");
        Assert.Equal("warning", JsonNode.Parse(registered.Data)!["oldStatus"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Start_CodeNotInTheReferenceListOrInactive_IsRefusedOnTheField(string database)
    {
        await using var engine = await CreateAsync(database);

        foreach (var code in new[] { "9999-9", "0101-1" })
        {
            var result = await engine.Runtime.StartAsync(new StartRequest("test-register") { Form = Form(code, "某专业"), InitiatorOrgId = "school-7" });

            Assert.Equal(RunStatus.Invalid, result.Status);
            Assert.Contains("列表", Assert.Single(result.Errors!["form.majorCode"]));
        }

        await using var db = engine.Database.CreateContext();
        Assert.Equal(0, await db.Instances.CountAsync());
    }

    private static async Task<EngineHarness> CreateAsync(string database)
    {
        var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("register.json");
        await using var db = engine.Database.CreateContext();
        db.ReferenceLists.Add(new ReferenceList { Id = "majors", Name = "技工院校专业目录" });
        db.ReferenceItems.AddRange(
            new ReferenceItem { ListId = "majors", Code = "0103-4", Name = "数控加工" },
            new ReferenceItem { ListId = "majors", Code = "0101-1", Name = "停用的专业", Active = false });
        await db.SaveChangesAsync();
        return engine;
    }

    private static async Task<RegistryRecord> SingleRecordAsync(EngineHarness engine)
    {
        await using var db = engine.Database.CreateContext();
        return Assert.Single(await db.Registry.AsNoTracking().ToListAsync());
    }

    private static JsonObject Form(string code, string name) =>
        new() { ["schoolId"] = "school-7", ["majorCode"] = code, ["majorName"] = name, ["status"] = "active" };
}
