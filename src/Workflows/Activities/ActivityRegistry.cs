// Every activity kind the engine knows, found by scanning assemblies; the catalogue the designer reads.
using System.Reflection;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

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

    /// <summary>The domain rules the nodes of a process hold its applicant's whole form to (<see cref="Activity.CheckForm"/>); errors by field.</summary>
    public IReadOnlyDictionary<string, string[]> CheckFormRules(WorkflowDefinition definition, JsonObject form)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var node in definition.Nodes)
        {
            foreach (var (field, messages) in Find(node.Kind)?.CheckForm(node, form) ?? new Dictionary<string, string[]>())
            {
                errors[field] = errors.TryGetValue(field, out var earlier) ? [.. earlier, .. messages] : messages;
            }
        }

        return errors;
    }
}
