// Strongly typed ids, so a task id can never be passed where a case id is meant.
namespace Approvals.Workflows.Persistence;

public readonly record struct InstanceId(Guid Value)
{
    public static InstanceId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));

    public static bool TryParse(string? text, out InstanceId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new InstanceId(guid);
        return ok;
    }

    public override string ToString() => Value.ToString();
}

public readonly record struct BookmarkId(Guid Value)
{
    public static BookmarkId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));

    public override string ToString() => Value.ToString();
}

public readonly record struct TaskId(Guid Value)
{
    public static TaskId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));

    public static bool TryParse(string? text, out TaskId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new TaskId(guid);
        return ok;
    }

    public override string ToString() => Value.ToString();
}

public readonly record struct TimerId(Guid Value)
{
    public static TimerId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));

    public override string ToString() => Value.ToString();
}

public readonly record struct IncidentId(Guid Value)
{
    public static IncidentId New(TimeProvider clock) => new(Guid.CreateVersion7(clock.GetUtcNow()));

    public override string ToString() => Value.ToString();
}
