// Reads a JSON object in a request body (a form, a task's data) so that a key given twice is a JsonException, which
// the exception handler answers with a 400, instead of the ArgumentException System.Text.Json's own JsonObject reader
// throws for it (found by fuzzing: a start form with a key twice in a table row was a 500).
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
        return JsonObject.Create(checkedDocument.RootElement.Clone())!;
    }

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);
}
