// The background check that every case's journal still verifies: each run reads the cases written since the last
// run and the next slice of a rolling round over all cases, verifies them in read snapshots, and keeps the broken
// ones in wf_journal_breaks, so /health answers from a small table instead of verifying journals per call.
using System.Data;
using Approvals.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Approvals.Workflows.Journal;

/// <summary>What one audit run did.</summary>
public sealed record JournalAuditRun(int Checked, int Changed, int Broken, bool RoundCompleted);

/// <summary>The latest audit as an operator reads it: when it ran, how far its round got, the cases found broken.</summary>
public sealed record JournalAuditSummary(
    DateTime? LastRunAt, int LastRunChecked, long CheckedThisRound, int RoundsCompleted, DateTime? LastRoundCompletedAt,
    int BrokenCases, IReadOnlyList<JournalBreak> FirstBroken);

public sealed class JournalAudit(WorkflowDatabase database, TimeProvider clock)
{
    /// <summary>Cases verified in one read snapshot: bounded memory, short snapshots.</summary>
    private const int Batch = 250;

    /// <summary>Journal rows read per run to find the cases written since; a burst beyond it is read over later runs.</summary>
    private const int ChangedRowsPerRun = 20_000;

    /// <summary>Known broken cases re-verified every run, so a repaired one leaves the list.</summary>
    private const int BrokenRecheckedPerRun = 1_000;

    /// <summary>
    /// Verifies the cases written since the last run, the next <paramref name="sliceSize"/> cases of the rolling
    /// round (in id order, starting again after the last) and the cases known broken; records what it found.
    /// </summary>
    public async Task<JournalAuditRun> RunAsync(int sliceSize, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var state = await db.JournalAudit.AsNoTracking().SingleOrDefaultAsync(s => s.Id == JournalAuditState.SingleRowId, cancellationToken)
            ?? new JournalAuditState { Id = JournalAuditState.SingleRowId };

        var written = await db.Journal.AsNoTracking()
            .Where(j => j.Id > state.JournalWatermark)
            .OrderBy(j => j.Id)
            .Take(ChangedRowsPerRun)
            .Select(j => new { j.Id, j.InstanceId })
            .ToListAsync(cancellationToken);
        var changed = written.Select(w => w.InstanceId).ToHashSet();

        var slice = await NextSliceAsync(db, state.Cursor, sliceSize, cancellationToken);
        var known = await db.JournalBreaks.AsNoTracking().OrderBy(b => b.DetectedAt).Take(BrokenRecheckedPerRun)
            .Select(b => b.InstanceId).ToListAsync(cancellationToken);

        var toCheck = changed.Concat(slice).Concat(known).Distinct().ToList();
        var found = new Dictionary<InstanceId, JournalVerification>();
        foreach (var chunk in toCheck.Chunk(Batch))
        {
            foreach (var (id, verification) in await VerifyInSnapshotAsync(db, chunk, cancellationToken))
            {
                found[id] = verification;
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var roundCompleted = slice.Count < sliceSize;
        state.JournalWatermark = written.Count > 0 ? written[^1].Id : state.JournalWatermark;
        state.Cursor = roundCompleted ? null : slice[^1];
        state.LastRunAt = now;
        state.LastRunChecked = found.Count;
        state.CheckedThisRound = roundCompleted ? 0 : state.CheckedThisRound + slice.Count;
        if (roundCompleted)
        {
            state.RoundsCompleted++;
            state.LastRoundCompletedAt = now;
        }

        await RecordAsync(db, state, found, now, cancellationToken);
        return new JournalAuditRun(found.Count, changed.Count, found.Count(f => !f.Value.IsIntact), roundCompleted);
    }

    /// <summary>The latest audit's state and up to <paramref name="firstBroken"/> of the broken cases, earliest found first.</summary>
    public async Task<JournalAuditSummary> SummaryAsync(int firstBroken, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var state = await db.JournalAudit.AsNoTracking().SingleOrDefaultAsync(s => s.Id == JournalAuditState.SingleRowId, cancellationToken);
        var count = await db.JournalBreaks.CountAsync(cancellationToken);
        var first = count == 0
            ? []
            : await db.JournalBreaks.AsNoTracking().OrderBy(b => b.DetectedAt).ThenBy(b => b.InstanceId).Take(firstBroken).ToListAsync(cancellationToken);
        return new JournalAuditSummary(
            state?.LastRunAt, state?.LastRunChecked ?? 0, state?.CheckedThisRound ?? 0, state?.RoundsCompleted ?? 0, state?.LastRoundCompletedAt,
            count, first);
    }

    /// <summary>
    /// Verifies every case's journal, a slice at a time, without recording anything (a restored database before it
    /// serves); reports the cases checked so far after each slice. Returns the count checked and the broken cases.
    /// </summary>
    public async Task<(long Checked, IReadOnlyList<(InstanceId Id, JournalVerification Verification)> Broken)> VerifyAllAsync(
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        const int sliceSize = 2_000;
        await using var db = database.CreateContext();
        var broken = new List<(InstanceId, JournalVerification)>();
        long count = 0;
        InstanceId? cursor = null;
        while (true)
        {
            var slice = await NextSliceAsync(db, cursor, sliceSize, cancellationToken);
            foreach (var chunk in slice.Chunk(Batch))
            {
                broken.AddRange((await VerifyInSnapshotAsync(db, chunk, cancellationToken)).Where(v => !v.Verification.IsIntact));
            }

            count += slice.Count;
            progress?.Report(count);
            if (slice.Count < sliceSize)
            {
                return (count, broken);
            }

            cursor = slice[^1];
        }
    }

    /// <summary>The next cases after the cursor in id order; the comparison is on the stored key, so it uses its index.</summary>
    private static Task<List<InstanceId>> NextSliceAsync(WorkflowDbContext db, InstanceId? cursor, int sliceSize, CancellationToken cancellationToken)
    {
        var instances = cursor is { } after
            ? db.Instances.FromSql($"""SELECT * FROM wf_instances WHERE "Id" > {after.Value}""")
            : db.Instances;
        return instances.AsNoTracking().OrderBy(i => i.Id).Take(sliceSize).Select(i => i.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The heads and journals of the cases read in one snapshot, as the case page reads them: a step committing
    /// between two reads would otherwise look like a journal longer than its head. On SQLite the snapshot is a
    /// deferred read transaction, which does not take the write lock from the steps.
    /// </summary>
    private static async Task<List<(InstanceId Id, JournalVerification Verification)>> VerifyInSnapshotAsync(
        WorkflowDbContext db, IReadOnlyCollection<InstanceId> ids, CancellationToken cancellationToken)
    {
        await using var snapshot = await BeginSnapshotAsync(db, cancellationToken);
        var heads = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id))
            .Select(i => new { i.Id, i.JournalSequence, i.JournalHash })
            .ToDictionaryAsync(i => i.Id, cancellationToken);
        var journals = (await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId))
            .OrderBy(j => j.InstanceId).ThenBy(j => j.Sequence)
            .ToListAsync(cancellationToken)).ToLookup(j => j.InstanceId);
        await snapshot.CommitAsync(cancellationToken);

        return ids.Select(id => (id, heads.TryGetValue(id, out var head)
                ? JournalChain.Verify(head.JournalSequence, head.JournalHash, journals[id])
                : new JournalVerification(false, null, journals[id].FirstOrDefault()?.Id, "日志所属的流程实例不存在（日志被伪造或实例被删除）。")))
            .ToList();
    }

    private static async Task<IDbContextTransaction> BeginSnapshotAsync(WorkflowDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            return await db.Database.UseTransactionAsync(sqlite.BeginTransaction(deferred: true), cancellationToken)
                ?? throw new InvalidOperationException("SQLite read transaction not taken.");
        }

        return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
    }

    /// <summary>One short write: the audit's position, the newly broken cases added, the repaired ones removed.</summary>
    private async Task RecordAsync(
        WorkflowDbContext db, JournalAuditState state, Dictionary<InstanceId, JournalVerification> found, DateTime now, CancellationToken cancellationToken)
    {
        using var turn = await database.EnterWriteAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var checkedIds = found.Keys.ToList();
        var recorded = new Dictionary<InstanceId, JournalBreak>();
        foreach (var chunk in checkedIds.Chunk(Batch))
        {
            foreach (var existing in await db.JournalBreaks.Where(b => chunk.Contains(b.InstanceId)).ToListAsync(cancellationToken))
            {
                recorded[existing.InstanceId] = existing;
            }
        }

        foreach (var (id, verification) in found)
        {
            var existing = recorded.GetValueOrDefault(id);
            if (verification.IsIntact && existing is not null)
            {
                db.JournalBreaks.Remove(existing);
            }
            else if (!verification.IsIntact && existing is null)
            {
                db.JournalBreaks.Add(new JournalBreak
                {
                    InstanceId = id, Sequence = verification.BrokenSequence, Problem = verification.Problem ?? "日志校验未通过。", DetectedAt = now,
                });
            }
            else if (!verification.IsIntact && existing is not null)
            {
                existing.Sequence = verification.BrokenSequence;
                existing.Problem = verification.Problem ?? existing.Problem;
            }
        }

        if (await db.JournalAudit.AnyAsync(s => s.Id == JournalAuditState.SingleRowId, cancellationToken))
        {
            db.JournalAudit.Update(state);
        }
        else
        {
            db.JournalAudit.Add(state);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
