// Hash chaining of journal entries and the verification that finds the first broken one.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Journal;

public sealed record JournalVerification(bool IsIntact, long? BrokenSequence, long? BrokenEntryId, string? Problem)
{
    public static JournalVerification Intact { get; } = new(true, null, null, null);
}

public static class JournalChain
{
    /// <summary>
    /// PostgreSQL keeps microseconds, SQLite keeps ticks: entries store microsecond instants so the hash
    /// computed before saving is the hash recomputed after reading back on either provider.
    /// </summary>
    public static DateTime Normalize(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }

    public static string Hash(JournalEntry entry)
    {
        var text = string.Join('\n',
            entry.PreviousHash,
            entry.InstanceId.ToString(),
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.At.ToString("O", CultureInfo.InvariantCulture),
            entry.Kind,
            entry.NodeId ?? "",
            entry.Actor ?? "",
            entry.Data);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Walks the instance's entries in sequence and reports the first that was edited, removed or moved.</summary>
    public static async Task<JournalVerification> VerifyAsync(
        WorkflowDbContext db, InstanceId instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await db.Instances.AsNoTracking()
            .Where(i => i.Id == instanceId)
            .Select(i => new { i.JournalSequence, i.JournalHash })
            .SingleOrDefaultAsync(cancellationToken);
        if (instance is null)
        {
            return new JournalVerification(false, null, null, "流程实例不存在。");
        }

        var entries = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == instanceId)
            .OrderBy(j => j.Sequence)
            .ToListAsync(cancellationToken);
        return Verify(instance.JournalSequence, instance.JournalHash, entries);
    }

    /// <summary>
    /// The same check on entries already read (in sequence order) against the head the instance row keeps, for a
    /// reader that shows the journal anyway and need not read it twice.
    /// </summary>
    public static JournalVerification Verify(long headSequence, string headHash, IEnumerable<JournalEntry> entriesInSequence)
    {
        var previousHash = "";
        long expected = 1;
        long? lastId = null;
        foreach (var entry in entriesInSequence)
        {
            if (entry.Sequence != expected)
            {
                return Broken(expected, entry.Id, $"第 {expected} 条日志缺失或顺序被改动。");
            }

            if (lastId is { } previousId && entry.Id < previousId)
            {
                return Broken(entry.Sequence, entry.Id, $"第 {entry.Sequence} 条日志的写入顺序被改动。");
            }

            if (entry.PreviousHash != previousHash)
            {
                return Broken(entry.Sequence, entry.Id, $"第 {entry.Sequence} 条日志与前一条不衔接（前一条被修改、删除或调换）。");
            }

            if (Hash(entry) != entry.Hash)
            {
                return Broken(entry.Sequence, entry.Id, $"第 {entry.Sequence} 条日志的内容被修改。");
            }

            previousHash = entry.Hash;
            lastId = entry.Id;
            expected++;
        }

        var found = expected - 1;
        if (found < headSequence)
        {
            return Broken(expected, null, $"日志末尾缺失：实例记录有 {headSequence} 条，实际只有 {found} 条。");
        }

        if (found > headSequence)
        {
            return Broken(headSequence + 1, null, $"日志多出 {found - headSequence} 条：实例记录只有 {headSequence} 条，实际有 {found} 条（有日志被伪造）。");
        }

        if (previousHash != headHash)
        {
            return Broken(found, lastId, $"第 {found} 条日志与实例记录的末条不符（末条被替换）。");
        }

        return JournalVerification.Intact;
    }

    private static JournalVerification Broken(long sequence, long? entryId, string problem) =>
        new(false, sequence, entryId, problem);
}
