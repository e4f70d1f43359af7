using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using Approvals.Workflows.Tests.Support;

namespace Approvals.Workflows.Tests.Runtime;

public sealed class ScenarioTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Scenario_CountersignReturnResubmitAndNoticeOverNationalDay_RunsToTheEndFromTheDatabaseAlone(string database)
    {
        await using var engine = await EngineHarness.CreateAsync(database, new DateTimeOffset(2024, 9, 23, 9, 0, 0, Beijing));
        await engine.PublishAsync("scenario.json");
        var id = await engine.StartAsync("test-scenario", new JsonObject { ["major"] = "工业机器人应用与维护" });

        // Three experts, two thirds needed: two approvals decide, the third vote is withdrawn.
        var experts = await engine.OpenTasksAsync(id);
        Assert.Equal(["expert-1", "expert-2", "expert-3"], experts.Select(t => t.AssigneeUserId).Order());
        await engine.RebuildAsync();
        Assert.Equal(InstanceStatus.Suspended,
            (await engine.Runtime.CompleteTaskAsync(experts.Single(t => t.AssigneeUserId == "expert-1").Id, new("approve", "expert-1"))).InstanceStatus);
        await engine.RebuildAsync();
        await engine.Runtime.CompleteTaskAsync(experts.Single(t => t.AssigneeUserId == "expert-3").Id, new("approve", "expert-3"));
        var province = await engine.SingleOpenTaskAsync(id);
        Assert.Equal(("province", TestOrganizations.Province), (province.NodeId, province.AssigneeOrgId));

        // The province returns it to the school, which resubmits on the same case.
        await engine.RebuildAsync();
        await engine.Runtime.CompleteTaskAsync(province.Id, new("return", "province-officer") { Comment = "请补充校企合作协议" });
        var resubmit = await engine.SingleOpenTaskAsync(id);
        Assert.Equal(("resubmit", "applicant"), (resubmit.Kind, resubmit.AssigneeUserId));
        await engine.RebuildAsync();
        engine.Clock.SetUtcNow(new DateTimeOffset(2024, 9, 26, 15, 0, 0, Beijing));
        await engine.Runtime.CompleteTaskAsync(resubmit.Id,
            new("resubmit", "applicant") { Data = new JsonObject { ["partnerAgreement"] = "协议.pdf" } });

        // Approved on Friday 27 September 10:00: five working days later, across National Day, is 10 October 10:00.
        await engine.RebuildAsync();
        engine.Clock.SetUtcNow(new DateTimeOffset(2024, 9, 27, 10, 0, 0, Beijing));
        await engine.DecideAsync(id, "approve", "province-officer");
        var notice = Assert.Single(await engine.TimersAsync(id));
        Assert.Equal(new DateTimeOffset(2024, 10, 10, 10, 0, 0, Beijing).UtcDateTime, notice.DueAt);

        await engine.RebuildAsync();
        engine.Clock.SetUtcNow(new DateTimeOffset(2024, 10, 10, 9, 59, 59, Beijing));
        Assert.Equal(0, await engine.Runtime.FireDueTimersAsync());
        engine.Clock.SetUtcNow(new DateTimeOffset(2024, 10, 10, 10, 0, 0, Beijing));
        Assert.Equal(1, await engine.Runtime.FireDueTimersAsync());

        var instance = await engine.InstanceAsync(id);
        Assert.Equal(InstanceStatus.Finished, instance.Status);
        Assert.Equal("协议.pdf", JsonNode.Parse(instance.Form)!["partnerAgreement"]!.GetValue<string>());
        var journal = await engine.JournalAsync(id);
        Assert.Equal(["experts", "province", "notice", "end"],
            journal.Where(j => j.Kind == "completed" && j.NodeId != "start").Select(j => j.NodeId!).ToArray());
        Assert.Contains(journal, j => j.Kind == "returned");
        Assert.Contains(journal, j => j.Kind == "resubmitted");
        // expert-1, expert-3, the return, the resubmission, the approval
        Assert.Equal(5, journal.Count(j => j.Kind == "decision"));
        Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);
    }
}
