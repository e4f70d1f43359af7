// A selection batch on the engine: schools of each type in two cities, a reference list of majors, an expert pool,
// and the batch and application definitions of the selection tests.
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Activities;

internal static class SelectionSteps
{
    public const string TechnicalSchool = "nmg-hhht-s5";
    public const string BaotouCollege = "nmg-bt-s1";
    public const string BaotouCity = "nmg-bt";

    /// <summary>Three majors of the list the application form takes its options from; the fourth is no longer offered.</summary>
    public static readonly (string Code, string Name, bool Active)[] Majors =
    [
        ("0101", "机床切削加工（车工）", true),
        ("0102", "数控加工（数控车工）", true),
        ("0103", "电气自动化设备安装与维修", true),
        ("0104", "工业机器人应用与维护", true),
        ("0199", "已停用的专业", false),
    ];

    public static async Task<EngineHarness> CreateAsync(string database)
    {
        var engine = await EngineHarness.CreateAsync(database);
        engine.Organizations.AddSchool(TechnicalSchool, "呼和浩特技工学校", "技工学校", TestOrganizations.City, "呼和浩特市");
        engine.Organizations.AddSchool(BaotouCollege, "包头技师学院", OrganizationProfile.TechnicianCollege, BaotouCity, "包头市");
        engine.Experts.Add("selection-experts", new Expert("expert-cf", "nmg-cf-s1", "nmg-cf"));
        await using (var db = engine.Database.CreateContext())
        {
            db.ReferenceLists.Add(new ReferenceList { Id = "test-majors", Name = "建设专业" });
            db.ReferenceItems.AddRange(Majors.Select((m, i) => new ReferenceItem
            {
                ListId = "test-majors", Code = m.Code, Name = m.Name, SortOrder = i, Active = m.Active,
            }));
            await db.SaveChangesAsync();
        }

        await engine.PublishAsync("selection-application.json");
        await engine.PublishAsync("selection-batch.json");
        return engine;
    }

    /// <summary>A batch whose window closes at the end of 31 October 2024, a month after the harness's clock starts.</summary>
    public static Task<InstanceId> OpenBatchAsync(EngineHarness engine, int cityQuota = 2, int selectCount = 2) =>
        engine.StartAsync("test-selection-batch", new JsonObject
        {
            ["closesAt"] = "2024-10-31",
            ["cityQuota"] = cityQuota,
            ["selectCount"] = selectCount,
        }, initiatorOrgId: TestOrganizations.Province);

    public static Signal Application(string orgId, string majorCode, int teachers = 8) => new(
        "application",
        new JsonObject { ["orgId"] = orgId, ["form"] = new JsonObject { ["majorCode"] = majorCode, ["teachers"] = teachers } },
        $"user-of-{orgId}");

    public static async Task<InstanceId> ApplyAsync(EngineHarness engine, InstanceId batch, string orgId, string majorCode)
    {
        var before = await ChildrenAsync(engine, batch);
        var result = await engine.Runtime.SignalAsync(batch, Application(orgId, majorCode));
        Assert.Equal(RunStatus.Ok, result.Status);
        return Assert.Single(await ChildrenAsync(engine, batch), c => !before.Contains(c));
    }

    public static async Task<List<InstanceId>> ChildrenAsync(EngineHarness engine, InstanceId batch)
    {
        await using var db = engine.Database.CreateContext();
        return await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == batch)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Select(i => i.Id).ToListAsync();
    }

    /// <summary>The city recommends the application; the expert scores it.</summary>
    public static async Task RecommendAndScoreAsync(EngineHarness engine, InstanceId application, double score)
    {
        Assert.Equal(RunStatus.Ok, (await engine.DecideAsync(application, "recommend", "city-officer")).Status);
        var review = await engine.SingleOpenTaskAsync(application);
        var scored = await engine.Runtime.CompleteTaskAsync(review.Id, new TaskDecision("submit", "expert-cf")
        {
            Data = new JsonObject { ["scores"] = new JsonObject { ["建设基础"] = score } },
        });
        Assert.Equal(RunStatus.Ok, scored.Status);
    }
}
