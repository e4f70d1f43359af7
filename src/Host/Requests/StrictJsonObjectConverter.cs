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
        RefuseBrokenText(checkedDocument.RootElement);
        return JsonObject.Create(checkedDocument.RootElement.Clone())!;
    }

    private static void RefuseBrokenText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        RefuseBrokenText(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        RefuseBrokenText(item);
                    }

                    break;
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
            }
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("文本中含有无效的 Unicode 字符（不成对的代理项）。", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);
}
