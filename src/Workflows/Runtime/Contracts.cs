// The requests and results of the runtime's public operations.
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;

namespace Approvals.Workflows.Runtime;

public sealed record StartRequest(string DefinitionId)
{
    /// <summary>A specific published version; null takes the latest.</summary>
    public int? Version { get; init; }

    public string? Title { get; init; }

    public JsonObject? Form { get; init; }

    public JsonObject? Variables { get; init; }

    public string? InitiatorUserId { get; init; }

    public string? InitiatorOrgId { get; init; }
}

/// <summary>A person's decision on a task. ReturnTo names "applicant" or an earlier node when the outcome is "return".</summary>
public sealed record TaskDecision(string Outcome, string Actor)
{
    public string? Comment { get; init; }

    public JsonObject? Data { get; init; }

    public string? ReturnTo { get; init; }
}

/// <summary>The person a task is transferred or delegated to, or an added signer; OrgId when their organisation matters.</summary>
public sealed record TaskReassignment(string UserId, string? OrgId);

public enum RunStatus
{
    Ok,
    NotFound,
    /// <summary>Someone else acted first, or the case is not in a state to take this; reload and retry.</summary>
    Conflict,
    /// <summary>The request itself is wrong; <see cref="RunResult.Errors"/> names the fields.</summary>
    Invalid,
}

public sealed record RunResult(RunStatus Status, InstanceId? InstanceId = null, InstanceStatus? InstanceStatus = null, string? Error = null)
{
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>The task an operation created, such as an added signer's.</summary>
    public TaskId? TaskId { get; init; }

    public bool Succeeded => Status == RunStatus.Ok;

    public static RunResult NotFound(string error) => new(RunStatus.NotFound, Error: error);

    public static RunResult Conflict(string error) => new(RunStatus.Conflict, Error: error);

    public static RunResult Invalid(string field, string error) =>
        new(RunStatus.Invalid, Error: error) { Errors = new Dictionary<string, string[]> { [field] = [error] } };

    public static RunResult Invalid(string error, IReadOnlyDictionary<string, string[]> errors) =>
        new(RunStatus.Invalid, Error: error) { Errors = errors };
}

/// <summary>What a resumed activity receives: the bookmark it created and what the resumer brought.</summary>
public sealed record Resumption(string Kind, JsonObject Data, JsonObject Payload, string? Actor)
{
    public string? Outcome => Payload["outcome"]?.GetValue<string>();
}

/// <summary>Schedules the firing of a timer row; the host's implementation uses Hangfire.</summary>
public interface ITimerScheduler
{
    void Schedule(TimerId timerId, DateTimeOffset dueAt);
}

public sealed class NoTimerScheduler : ITimerScheduler
{
    public void Schedule(TimerId timerId, DateTimeOffset dueAt)
    {
    }
}

/// <summary>The organisation tree as far as the engine needs it: who is above whom.</summary>
public interface IOrganizationDirectory
{
    ValueTask<string?> GetParentAsync(string orgId, CancellationToken cancellationToken);

    /// <summary>The bureau of a kind ("education", "finance") that serves the organisation, e.g. a city's 教育局; null if none.</summary>
    ValueTask<string?> GetBureauAsync(string orgId, string kind, CancellationToken cancellationToken);

    /// <summary>An organisation's name, its school type if it is a school, and its city; null if there is no such organisation.</summary>
    ValueTask<OrganizationProfile?> GetProfileAsync(string orgId, CancellationToken cancellationToken);
}

/// <summary>
/// What a selection needs to know of an organisation: its name, its school type in Chinese (技师学院, 高级技工学校,
/// 技工学校; null if it is not a school), and the city it belongs to with the city's short name (呼和浩特市).
/// </summary>
public sealed record OrganizationProfile(string Id, string Name, string? SchoolType, string? CityId, string? CityName)
{
    public const string TechnicianCollege = "技师学院";
}

public sealed class FlatOrganizationDirectory : IOrganizationDirectory
{
    public ValueTask<string?> GetParentAsync(string orgId, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask<string?> GetBureauAsync(string orgId, string kind, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask<OrganizationProfile?> GetProfileAsync(string orgId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<OrganizationProfile?>(null);
}

/// <summary>An expert of a pool: where they work and in which city, so a draw can avoid the applicant's school and city (回避).</summary>
public sealed record Expert(string UserId, string OrgId, string? CityOrgId);

/// <summary>The expert pools the host keeps (from its users); an ExpertReview step draws from the pool it names.</summary>
public interface IExpertPool
{
    ValueTask<IReadOnlyList<Expert>> GetExpertsAsync(string pool, CancellationToken cancellationToken);
}

public sealed class EmptyExpertPool : IExpertPool
{
    public ValueTask<IReadOnlyList<Expert>> GetExpertsAsync(string pool, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Expert>>([]);
}

/// <summary>Where random draws come from, so a test can seed them.</summary>
public interface IRandomSource
{
    /// <summary>A number from 0 up to, not including, <paramref name="maxExclusive"/>.</summary>
    int Next(int maxExclusive);
}

public sealed class SharedRandomSource : IRandomSource
{
    public int Next(int maxExclusive) => Random.Shared.Next(maxExclusive);
}

/// <summary>What a person submits on a task, shown to the node's activity before anything is written.</summary>
public sealed record TaskSubmission(NodeDefinition Node, JsonObject NodeState, string TaskKind, TaskDecision Decision);
