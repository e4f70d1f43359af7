// The process the chaos runs drive, published through the API by the administrator: a school files, a timer of a few
// seconds runs before the city's review (受理等待), the city approves, returns (退回, the school resubmits and the case
// starts again from the filing) or rejects, and an approved case waits another short timer (公示) before it ends. So
// timers come due all through a run, on every path.
using System.Text.Json.Nodes;

namespace Approvals.Bench.Chaos;

public static class ChaosDefinition
{
    public const string Id = "chaos-filing";

    /// <summary>The definition, with its two timers of <paramref name="seconds"/> each (calendar days as a fraction).</summary>
    public static JsonObject Build(double seconds)
    {
        var days = seconds / 86_400;
        return new JsonObject
        {
            ["id"] = Id,
            ["name"] = "故障演练备案",
            ["startRoles"] = new JsonArray("school_applicant"),
            ["nodes"] = new JsonArray(
                new JsonObject { ["id"] = "start", ["kind"] = "Start", ["name"] = "学校提交" },
                Timer("accept", "受理等待", days),
                new JsonObject
                {
                    ["id"] = "city",
                    ["kind"] = "Approval",
                    ["name"] = "盟市审核",
                    ["inputs"] = new JsonObject
                    {
                        ["assignee"] = new JsonObject { ["role"] = "city_reviewer", ["org"] = "initiator.parent" },
                        ["resubmitTo"] = "start",
                    },
                },
                Timer("notice", "公示", days),
                new JsonObject { ["id"] = "end", ["kind"] = "End", ["name"] = "办结" },
                new JsonObject { ["id"] = "end-rejected", ["kind"] = "End", ["name"] = "不予备案" }),
            ["edges"] = new JsonArray(
                Edge("start", "done", "accept"),
                Edge("accept", "done", "city"),
                Edge("city", "approve", "notice"),
                Edge("city", "reject", "end-rejected"),
                Edge("notice", "done", "end")),
        };
    }

    private static JsonObject Timer(string id, string name, double days) => new()
    {
        ["id"] = id,
        ["kind"] = "Timer",
        ["name"] = name,
        ["inputs"] = new JsonObject { ["mode"] = "calendarDays", ["days"] = days },
    };

    private static JsonObject Edge(string source, string outcome, string target) =>
        new() { ["source"] = source, ["outcome"] = outcome, ["target"] = target };
}
