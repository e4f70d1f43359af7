using Approvals.Workflows.Persistence;
using Approvals.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Tests.Journal;

public sealed class JournalChainTests
{
    private static async Task<(EngineHarness Engine, InstanceId Id)> CaseWithHistoryAsync(string database)
    {
        var engine = await EngineHarness.CreateAsync(database);
        await engine.PublishAsync("approval.json");
        var id = await engine.StartAsync("test-approval");
        await engine.DecideAsync(id, "return");
        await engine.DecideAsync(id, "resubmit", "applicant");
        await engine.DecideAsync(id, "approve");
        Assert.True((await engine.Runtime.VerifyJournalAsync(id)).IsIntact);
        return (engine, id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verify_EditedEntry_ReportsThatEntry(string database)
    {
        var (engine, id) = await CaseWithHistoryAsync(database);
        await using var _ = engine;
        var target = (await engine.JournalAsync(id)).Single(j => j.Kind == "decision" && j.Data.Contains("approve", StringComparison.Ordinal));
        await using (var db = engine.Database.CreateContext())
        {
            await db.Journal.Where(j => j.Id == target.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Data, target.Data.Replace("approve", "reject", StringComparison.Ordinal)));
        }

        var result = await engine.Runtime.VerifyJournalAsync(id);

        Assert.False(result.IsIntact);
        Assert.Equal(target.Sequence, result.BrokenSequence);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verify_DeletedEntryInTheMiddle_ReportsTheGap(string database)
    {
        var (engine, id) = await CaseWithHistoryAsync(database);
        await using var _ = engine;
        var target = (await engine.JournalAsync(id))[3];
        await using (var db = engine.Database.CreateContext())
        {
            await db.Journal.Where(j => j.Id == target.Id).ExecuteDeleteAsync();
        }

        var result = await engine.Runtime.VerifyJournalAsync(id);

        Assert.False(result.IsIntact);
        Assert.Equal(target.Sequence, result.BrokenSequence);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verify_DeletedLastEntry_IsDetected(string database)
    {
        var (engine, id) = await CaseWithHistoryAsync(database);
        await using var _ = engine;
        var last = (await engine.JournalAsync(id))[^1];
        await using (var db = engine.Database.CreateContext())
        {
            await db.Journal.Where(j => j.Id == last.Id).ExecuteDeleteAsync();
        }

        var result = await engine.Runtime.VerifyJournalAsync(id);

        Assert.False(result.IsIntact);
        Assert.Equal(last.Sequence, result.BrokenSequence);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Verify_TwoEntriesSwapped_ReportsTheFirstMovedOne(string database)
    {
        var (engine, id) = await CaseWithHistoryAsync(database);
        await using var _ = engine;
        var journal = await engine.JournalAsync(id);
        var (a, b) = (journal[2], journal[4]);
        await using (var db = engine.Database.CreateContext())
        {
            // Swap the sequence numbers through a free value, as someone reordering the history would.
            await db.Journal.Where(j => j.Id == a.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Sequence, -1L));
            await db.Journal.Where(j => j.Id == b.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Sequence, a.Sequence));
            await db.Journal.Where(j => j.Id == a.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Sequence, b.Sequence));
        }

        var result = await engine.Runtime.VerifyJournalAsync(id);

        Assert.False(result.IsIntact);
        Assert.Equal(a.Sequence, result.BrokenSequence);
    }
}
