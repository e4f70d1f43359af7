// An instance held by one execution session: its row, its definition and its state as JSON.
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;

namespace Approvals.Workflows.Runtime;

/// <summary>One unit of work: run a node (reached along an edge, or by a jump), or resume one of its bookmarks.</summary>
internal sealed record WorkItem(string NodeId, string? FromNode = null, string? FromOutcome = null)
{
    public Guid? BookmarkId { get; init; }

    public JsonObject? Payload { get; init; }

    public string? Actor { get; init; }
}

internal sealed class LoadedInstance(WorkflowInstance entity, WorkflowDefinition definition, List<Bookmark> bookmarks)
{
    public WorkflowInstance Entity { get; } = entity;

    public WorkflowDefinition Definition { get; } = definition;

    public List<Bookmark> Bookmarks { get; } = bookmarks;

    public JsonObject Variables { get; set; } = ParseObject(entity.Variables);

    public JsonObject Form { get; set; } = ParseObject(entity.Form);

    public JsonObject NodeStates { get; } = ParseObject(entity.NodeStates);

    public List<WorkItem> Queue { get; } =
        JsonSerializer.Deserialize<List<WorkItem>>(entity.Queue, DefinitionJson.Compact) ?? [];

    public HashSet<string> Visited { get; } =
        JsonSerializer.Deserialize<HashSet<string>>(entity.Visited, DefinitionJson.Compact) ?? [];

    /// <summary>True while this instance's loop is on the stack; work queued meanwhile is picked up by that loop.</summary>
    public bool Running { get; set; }

    public void Flush(DateTime now)
    {
        Entity.Variables = Variables.ToJsonString(DefinitionJson.Compact);
        Entity.Form = Form.ToJsonString(DefinitionJson.Compact);
        Entity.NodeStates = NodeStates.ToJsonString(DefinitionJson.Compact);
        Entity.Queue = JsonSerializer.Serialize(Queue, DefinitionJson.Compact);
        Entity.Visited = JsonSerializer.Serialize(Visited.Order(StringComparer.Ordinal), DefinitionJson.Compact);
        Entity.UpdatedAt = now;
        Entity.Version++;
    }

    public static JsonObject ParseObject(string json) => JsonNode.Parse(json) as JsonObject ?? [];
}
