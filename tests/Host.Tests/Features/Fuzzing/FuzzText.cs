// Generators of hostile JSON for the fuzz tests: odd strings, values of every kind, and raw text a JsonNode cannot hold
// (numbers out of range, nesting a thousand deep, lone surrogates), plus the mutations that break a valid document.
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Approvals.Host.Tests.Features.Fuzzing;

internal static partial class FuzzText
{
    private const string RawMark = "@@raw:";

    public static Gen<string> OddStrings { get; } = Gen.OneOf(
        Gen.Elements(
            "", " ", "\u202e反转文字", "\u200b\u200d", "😀👨‍👩‍👧", "e\u0301\u0301", "\ufeff字", "\r\n\t", "ǅ", "../../etc/passwd",
            "<script>alert(1)</script>", "'; DROP TABLE \"Instances\";--", "%00%ff", "${7*7}{{7*7}}", "null", "true", "NaN", "\u0000",
            "\ud83d\ude00\u0301", "字"),
        Gen.Choose(1, 300).Select(n => new string('字', n)),
        Gen.Elements(1 << 10, 1 << 16, 1 << 20).Select(n => new string('A', n)));

    /// <summary>JSON text for a value a JsonNode cannot carry; put into a tree with <see cref="Raw"/>.</summary>
    public static Gen<string> RawValues { get; } = Gen.OneOf(
        Gen.Elements(
            "1e400", "-1e400", "1e-400", "2147483648", "-2147483649", "9223372036854775808", "123456789012345678901234567890", "-0",
            "0.1e1", "NaN", "Infinity", "0x10", "01", "+1", "\"\\ud800\"", "\"\\udfff字\"", "\"a\\u0000b\"", "\"\\x41\"", "\"\\u12\"",
            "tru", "[1,]", "{\"a\":1,}", "'单引号'", "\"" + "\\u5b57" + "\""),
        Gen.Elements(65, 1_000, 5_000).SelectMany(depth => Gen.Elements(
            new string('[', depth) + new string(']', depth),
            string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))));

    /// <summary>A value of any JSON kind, now and then one only raw text can be.</summary>
    public static Gen<JsonNode?> AnyValues { get; } = Gen.Frequency<JsonNode?>(
        (3, OddStrings.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.Elements<JsonNode?>(0, -1, 1.5, int.MaxValue, long.MinValue, double.MaxValue, true, false, null)),
        (1, Gen.Constant<JsonNode?>(new JsonArray(1, "二", null))),
        (1, Gen.Constant<JsonNode?>(new JsonObject { ["x"] = 1 })),
        (2, RawValues.Select(text => (JsonNode?)Raw(text))));

    /// <summary>A marker for raw JSON text; <see cref="Serialize"/> puts the text in its place.</summary>
    public static JsonNode Raw(string json) => JsonValue.Create(RawMark + Convert.ToHexString(Encoding.UTF8.GetBytes(json)))!;

    /// <summary>The tree as JSON text, with each raw marker replaced by its text.</summary>
    public static string Serialize(JsonNode? node) =>
        RawMarker().Replace(node?.ToJsonString() ?? "null", m => Encoding.UTF8.GetString(Convert.FromHexString(m.Groups[1].Value)));

    public static string Cut(string text) => text.Length > 300 ? string.Concat(text.AsSpan(0, 300), $"…({text.Length.ToString(CultureInfo.InvariantCulture)} chars)") : text;

    public static bool Chinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    /// <summary>Every place in the tree that holds a value: (its container, its key or index).</summary>
    public static List<(JsonNode Parent, object Slot)> Slots(JsonNode root)
    {
        var slots = new List<(JsonNode, object)>();
        void Walk(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                foreach (var (key, value) in o.ToList())
                {
                    slots.Add((o, key));
                    Walk(value);
                }
            }
            else if (node is JsonArray a)
            {
                for (var i = 0; i < a.Count; i++)
                {
                    slots.Add((a, i));
                    Walk(a[i]);
                }
            }
        }

        Walk(root);
        return slots;
    }

    /// <summary>
    /// A copy of the document broken in one generated way, and what was done: a value removed, replaced by one of another
    /// kind or by raw text, a key given twice, an array where an object was, or the text cut short or wrapped.
    /// </summary>
    public static Gen<(string Mutation, string Text)> Mutate(JsonNode document) => Gen.Frequency(
        (1, Gen.Constant(("none", Serialize(document)))),
        (3, Pick(document).Select(p => Apply(document, p, (parent, slot) => Remove(parent, slot), "removed"))),
        (5, Pick(document).SelectMany(_ => AnyValues, (p, value) =>
            Apply(document, p, (parent, slot) => Set(parent, slot, value?.DeepClone()), $"replaced by {Cut(Serialize(value))}"))),
        (1, Pick(document).Select(p => Apply(document, p, (parent, slot) => Set(parent, slot, new JsonArray(Get(parent, slot)?.DeepClone())), "wrapped in an array"))),
        (1, Gen.Elements("id", "name", "kind", "nodes").Select(key =>
            ($"duplicate key {key}", Serialize(document).Replace($"\"{key}\":", $"\"{key}\":\"重复\",\"{key}\":", StringComparison.Ordinal)))),
        (1, Gen.Choose(0, 100).Select(percent =>
        {
            var text = Serialize(document);
            return ($"cut at {percent}%", text[..(text.Length * percent / 100)]);
        })),
        (1, Gen.Elements("[{0}]", "{{\"definition\":{0}}}", "{0}{0}", "\ufeff{0}", "null", "\"{0}\"").Select(wrap =>
            ($"wrapped as {wrap}", string.Format(CultureInfo.InvariantCulture, wrap, Serialize(document))))));

    private static Gen<(JsonNode Parent, object Slot)> Pick(JsonNode document)
    {
        var slots = Slots(document);
        return Gen.Choose(0, slots.Count - 1).Select(i => slots[i]);
    }

    /// <summary>Applies the change to a copy (the generated document is shared by the samples drawn from it).</summary>
    private static (string, string) Apply(JsonNode document, (JsonNode Parent, object Slot) at, Action<JsonNode, object> change, string what)
    {
        var path = at.Parent.GetPath() + (at.Slot is int i ? $"[{i}]" : $".{at.Slot}");
        var copy = document.DeepClone();
        var parent = path == "$" ? copy : Locate(copy, at.Parent.GetPath());
        change(parent, at.Slot);
        return ($"{path} {what}", Serialize(copy));
    }

    private static JsonNode Locate(JsonNode root, string path)
    {
        var node = root;
        foreach (Match step in PathStep().Matches(path))
        {
            node = step.Groups[1].Success ? node[step.Groups[1].Value]! : node[int.Parse(step.Groups[2].Value, CultureInfo.InvariantCulture)]!;
        }

        return node;
    }

    private static JsonNode? Get(JsonNode parent, object slot) => slot is int i ? parent[i] : parent[(string)slot];

    private static void Set(JsonNode parent, object slot, JsonNode? value)
    {
        if (slot is int i)
        {
            parent.AsArray()[i] = value;
        }
        else
        {
            parent.AsObject()[(string)slot] = value;
        }
    }

    private static void Remove(JsonNode parent, object slot)
    {
        if (slot is int i)
        {
            parent.AsArray().RemoveAt(i);
        }
        else
        {
            parent.AsObject().Remove((string)slot);
        }
    }

    [GeneratedRegex("\"@@raw:([0-9A-F]*)\"", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RawMarker();

    [GeneratedRegex(@"\.([^.\[]+)|\[(\d+)\]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PathStep();
}
