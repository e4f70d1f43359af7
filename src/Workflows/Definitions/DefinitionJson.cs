// The one serializer configuration for definitions and the JSON the engine stores.
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Approvals.Workflows.Definitions;

public static class DefinitionJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>Compact form for database columns and hashing.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
        ?? throw new JsonException("流程定义为空。");

    public static async Task<WorkflowDefinition> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<WorkflowDefinition>(stream, Options, cancellationToken)
            ?? throw new JsonException($"流程定义文件 {Path.GetFileName(path)} 为空。");
    }

    public static string Serialize(WorkflowDefinition definition, bool indented = true) =>
        JsonSerializer.Serialize(definition, indented ? Options : Compact);

    public static Task SaveAsync(WorkflowDefinition definition, string path, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, Serialize(definition), cancellationToken);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            // Chinese labels stay readable in files and columns instead of \uXXXX escapes.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
