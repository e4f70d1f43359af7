// Reads a JSON object in a request body (a form, a task's data) so that a key given twice is a JsonException, which
// the exception handler answers with a 400, instead of the ArgumentException System.Text.Json's own JsonObject reader
// throws for it (found by fuzzing: a start form with a key twice in a table row was a 500); and so that text escaping
// half of a surrogate pair ("\ud800") is a JsonException too, not the InvalidOperationException a later read of that
// value would throw (found by fuzzing at 2,000 forms: such an attachment id was a 500).
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Approvals.Host.Requests;

internal sealed class StrictJsonObjectConverter : JsonConverter<JsonObject>
{
    private static readonly JsonDocumentOptions NoDuplicates = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    public override JsonObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("应为一个对象（{ … }）。");
        }

        // The value is parsed again from its own text with duplicate keys refused; the reader's options cannot do that.
        using var whole = JsonDocument.ParseValue(ref reader);
        using var checkedDocument = JsonDocument.Parse(whole.RootElement.GetRawText(), NoDuplicates);
        if (BrokenText(checkedDocument.RootElement, "") is not null)
        {
            throw new JsonException("文本中含有无效的 Unicode 字符（不成对的代理项）。");
        }

        return JsonObject.Create(checkedDocument.RootElement.Clone())!;
    }

    /// <summary>
    /// The path of the first text (a value or a key) that escapes half of a surrogate pair, which would throw when read;
    /// null when every text reads.
    /// </summary>
    internal static string? BrokenText(JsonElement element, string path)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return null;
                case JsonValueKind.Array:
                    var index = 0;
                    return element.EnumerateArray().Select(item => BrokenText(item, $"{path}[{index++}]")).FirstOrDefault(p => p is not null);
                case JsonValueKind.Object:
                    return element.EnumerateObject()
                        .Select(property => BrokenText(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}"))
                        .FirstOrDefault(p => p is not null);
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return path.Length == 0 ? "body" : path;
        }
    }

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);
}
