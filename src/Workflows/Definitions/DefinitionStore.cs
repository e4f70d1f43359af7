// Published versions of definitions: immutable rows, looked up by indexed keys and cached by row id.
using System.Collections.Concurrent;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Definitions;

public sealed record PublishedDefinition(long RecordId, WorkflowDefinition Definition);

public sealed record PublishResult(PublishedDefinition? Published, IReadOnlyList<DefinitionProblem> Problems, bool Changed)
{
    public bool Succeeded => Problems.Count == 0;
}

public sealed record DefinitionVersionInfo(long RecordId, string DefinitionId, int Version, string Name, DateTime PublishedAt, string? PublishedBy);

public sealed class DefinitionStore(WorkflowDatabase database, DefinitionValidator validator, TimeProvider clock)
{
    // A published version never changes, so caching it by row id cannot go stale, on one node or many.
    private readonly ConcurrentDictionary<long, WorkflowDefinition> byRecordId = new();

    /// <summary>Validates and stores the definition as the next version. With onlyIfChanged, an identical latest version is kept.</summary>
    public async Task<PublishResult> PublishAsync(
        WorkflowDefinition definition, string? actor, bool onlyIfChanged = false, CancellationToken cancellationToken = default)
    {
        var problems = validator.Validate(definition);
        if (problems.Count > 0)
        {
            return new PublishResult(null, problems, false);
        }

        await using var db = database.CreateContext();
        var latest = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definition.Id)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (onlyIfChanged && latest is not null
            && latest.Json == DefinitionJson.Serialize(definition with { Version = latest.Version }, indented: false))
        {
            return new PublishResult(new PublishedDefinition(latest.Id, Remember(latest)), [], false);
        }

        var stored = definition with { Version = (latest?.Version ?? 0) + 1 };
        var record = new DefinitionRecord
        {
            DefinitionId = stored.Id,
            Version = stored.Version,
            Name = stored.Name,
            Json = DefinitionJson.Serialize(stored, indented: false),
            PublishedAt = clock.GetUtcNow().UtcDateTime,
            PublishedBy = actor,
        };
        db.Definitions.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new PublishResult(null, [new DefinitionProblem(null, "version-conflict", "另一位管理员同时发布了该流程，请刷新后重试。")], false);
        }

        // What a restart would read back, not the caller's objects: values built in code (a JsonValue over an int)
        // read differently from parsed JSON, and the caller may still change them.
        var published = Remember(record);
        return new PublishResult(new PublishedDefinition(record.Id, published), [], true);
    }

    public async Task<PublishedDefinition?> GetLatestAsync(WorkflowDbContext db, string definitionId, CancellationToken cancellationToken = default)
    {
        var recordId = await db.Definitions
            .Where(d => d.DefinitionId == definitionId)
            .OrderByDescending(d => d.Version)
            .Select(d => (long?)d.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return recordId is { } id ? new PublishedDefinition(id, await GetByRecordIdAsync(db, id, cancellationToken)) : null;
    }

    public async Task<PublishedDefinition?> GetVersionAsync(WorkflowDbContext db, string definitionId, int version, CancellationToken cancellationToken = default)
    {
        var recordId = await db.Definitions
            .Where(d => d.DefinitionId == definitionId && d.Version == version)
            .Select(d => (long?)d.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return recordId is { } id ? new PublishedDefinition(id, await GetByRecordIdAsync(db, id, cancellationToken)) : null;
    }

    public async Task<WorkflowDefinition> GetByRecordIdAsync(WorkflowDbContext db, long recordId, CancellationToken cancellationToken = default)
    {
        if (byRecordId.TryGetValue(recordId, out var known))
        {
            return known;
        }

        var record = await db.Definitions.AsNoTracking().SingleAsync(d => d.Id == recordId, cancellationToken);
        return Remember(record);
    }

    public async Task<IReadOnlyList<DefinitionVersionInfo>> GetVersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId)
            .OrderByDescending(d => d.Version)
            .Select(d => new DefinitionVersionInfo(d.Id, d.DefinitionId, d.Version, d.Name, d.PublishedAt, d.PublishedBy))
            .ToListAsync(cancellationToken);
    }

    private WorkflowDefinition Remember(DefinitionRecord record) =>
        byRecordId.GetOrAdd(record.Id, _ => DefinitionJson.Parse(record.Json));
}
