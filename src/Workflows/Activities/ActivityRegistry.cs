// Every activity kind the engine knows, found by scanning assemblies; the catalogue the designer reads.
using System.Reflection;

namespace Approvals.Workflows.Activities;

public sealed class ActivityRegistry
{
    private readonly Dictionary<string, Activity> byKind = new(StringComparer.Ordinal);

    public ActivityRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes())
                     .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(Activity))
                                 && t.GetCustomAttribute<ActivityAttribute>() is not null))
        {
            var activity = (Activity)Activator.CreateInstance(type)!;
            if (!byKind.TryAdd(activity.Descriptor.Kind, activity))
            {
                throw new InvalidOperationException($"活动类型 {activity.Descriptor.Kind} 重复定义。");
            }
        }
    }

    public static ActivityRegistry Default { get; } = new([typeof(Activity).Assembly]);

    public IReadOnlyList<ActivityDescriptor> Catalogue =>
        byKind.Values.Select(a => a.Descriptor).OrderBy(d => d.Category, StringComparer.Ordinal)
            .ThenBy(d => d.Kind, StringComparer.Ordinal).ToArray();

    public Activity? Find(string kind) => byKind.GetValueOrDefault(kind);
}
