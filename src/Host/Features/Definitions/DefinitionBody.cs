// A definition as it travels in a request or response body: read with the engine's serializer configuration, and
// turned into field errors (never an exception) when the body is not JSON or not a definition.
using System.Text;
using Approvals.Host.Requests;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approvals.Workflows.Definitions;

namespace Approvals.Host.Features.Definitions;

public sealed partial class DefinitionBody
{
    // The engine's options, plus nulls refused where the model says a member is not nullable: a client's
    // "nodes": null would otherwise reach the validator as a null list.
    private static readonly JsonSerializerOptions Strict = new(DefinitionJson.Options) { RespectNullableAnnotations = true };

    /// <summary>How the engine's options match names, and so which keys a JsonObject would hold as the same.</summary>
    private static readonly StringComparer Keys = DefinitionJson.Options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static readonly DefinitionBody Empty = new(null, new Dictionary<string, string[]>(), isEmpty: true);

    private DefinitionBody(WorkflowDefinition? definition, IReadOnlyDictionary<string, string[]> errors, bool isEmpty)
    {
        Definition = definition;
        Errors = errors;
        IsEmpty = isEmpty;
    }

    /// <summary>The definition the body holds; null when the body is empty or has errors.</summary>
    public WorkflowDefinition? Definition { get; }

    /// <summary>What makes the body unreadable as a definition, by the JSON path of the field ("body" for the whole).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool IsEmpty { get; }

    /// <summary>Minimal APIs bind through this instead of their own JSON options, so the engine's configuration applies.</summary>
    public static async ValueTask<DefinitionBody> BindAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (!string.IsNullOrWhiteSpace(text) && !request.HasJsonContentType())
        {
            throw new BadHttpRequestException("A definition is sent as application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        return Read(text);
    }

    private static DefinitionBody Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }

        JsonElement root;
        try
        {
            root = JsonSerializer.Deserialize<JsonElement>(text, DefinitionJson.Options);
        }
        catch (JsonException json)
        {
            return Failed("body", $"请求内容不是有效的 JSON（第 {(json.LineNumber ?? 0) + 1} 行附近有误）。");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Failed("body", "请求内容应为一个流程定义对象（{ … }）。");
        }

        // A key given twice inside "inputs" or a default value would make its JsonObject throw when it is read.
        if (DuplicateKey(root, "") is { } duplicate)
        {
            return Failed(duplicate, $"字段“{duplicate}”重复出现。");
        }

        // Half of a surrogate pair escaped in a text ("\ud800") would make it throw when it is read (found by fuzzing).
        if (StrictJsonObjectConverter.BrokenText(root, "") is { } broken)
        {
            return Failed(broken, $"字段“{broken}”含有无效的 Unicode 字符（不成对的代理项）。");
        }

        WorkflowDefinition definition;
        try
        {
            definition = root.Deserialize<WorkflowDefinition>(Strict)!;
        }
        catch (JsonException json)
        {
            return new DefinitionBody(null, Describe(json), isEmpty: false);
        }

        var nulls = NullEntries(definition).ToDictionary(path => path, path => new[] { $"“{path}”不能为空（null）。" });
        return nulls.Count > 0 ? new DefinitionBody(null, nulls, isEmpty: false) : new DefinitionBody(definition, nulls, isEmpty: false);
    }

    /// <summary>The definition as the JSON the designer reads: the engine's property names, nulls left out.</summary>
    public static JsonNode ToJson(WorkflowDefinition definition) => JsonSerializer.SerializeToNode(definition, DefinitionJson.Options)!;

    private static DefinitionBody Failed(string field, string message) =>
        new(null, new Dictionary<string, string[]> { [field] = [message] }, isEmpty: false);

    private static Dictionary<string, string[]> Describe(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : json.Path.TrimStart('$', '.');
        var missing = MissingProperties().Match(json.Message);
        if (missing.Success)
        {
            // The serializer names every required member it did not find; each is a field of its own.
            return QuotedName().Matches(missing.Groups[1].Value)
                .Select(m => path.Length == 0 ? m.Groups[1].Value : $"{path}.{m.Groups[1].Value}")
                .ToDictionary(field => field, field => new[] { $"缺少必填字段“{field}”。" });
        }

        var field = path.Length == 0 ? "body" : path;
        return new() { [field] = [$"字段“{field}”的值无法识别：格式或类型不正确。"] };
    }

    private static string? DuplicateKey(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (DuplicateKey(item, $"{path}[{index++}]") is { } inner)
                {
                    return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(Keys);
            foreach (var property in element.EnumerateObject())
            {
                var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                if (!seen.Add(property.Name))
                {
                    return at;
                }

                if (DuplicateKey(property.Value, at) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    /// <summary>Lists may not hold null entries; the serializer does not check elements, so this does.</summary>
    private static IEnumerable<string> NullEntries(WorkflowDefinition definition)
    {
        foreach (var path in NullsIn(definition.Nodes, "nodes")
                     .Concat(NullsIn(definition.Edges, "edges"))
                     .Concat(NullsIn(definition.Variables, "variables"))
                     .Concat(NullsIn(definition.Forms, "forms")))
        {
            yield return path;
        }

        for (var i = 0; i < definition.Forms.Count; i++)
        {
            if (definition.Forms[i] is { } form)
            {
                foreach (var path in NullFields(form.Fields, $"forms[{i}].fields"))
                {
                    yield return path;
                }
            }
        }
    }

    private static IEnumerable<string> NullFields(IReadOnlyList<FormField> fields, string at)
    {
        foreach (var path in NullsIn(fields, at))
        {
            yield return path;
        }

        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i]?.Columns is { } columns)
            {
                foreach (var path in NullFields(columns, $"{at}[{i}].columns"))
                {
                    yield return path;
                }
            }
        }
    }

    private static IEnumerable<string> NullsIn<T>(IReadOnlyList<T?> items, string at) where T : class =>
        items.Select((item, index) => (item, index)).Where(x => x.item is null).Select(x => $"{at}[{x.index}]");

    [GeneratedRegex("missing required properties including: ((?:'[^']+'(?:, )?)+)", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex MissingProperties();

    [GeneratedRegex("'([^']+)'", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex QuotedName();
}
