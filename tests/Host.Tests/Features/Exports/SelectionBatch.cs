// A selection batch case whose ranking is the one another step would write: four applications from two cities,
// three selected, one scored with a decimal, one whose title carries markup. The province confirms it to put it on 公示.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features.Exports;

internal static class SelectionBatch
{
    public const string Title = "2026年工学一体化第一批";

    public static async Task<string> StartAsync(HttpClient province)
    {
        var started = await province.PostAsJsonAsync("/api/cases", new
        {
            definitionId = "test-selection-batch",
            title = Title,
            form = new JsonObject
            {
                ["selection"] = new JsonArray(
                    Entry(1, "150100-01", "呼和浩特技师学院", "150100", "呼和浩特市", "数控加工技术", 92.5, true, null),
                    Entry(2, "150200-01", "包头技师学院", "150200", "包头市", "焊接加工", 90, true, null),
                    Entry(3, "150100-02", "呼和浩特机电技师学院", "150100", "呼和浩特市", "<script>alert(1)</script>电气自动化", 85, true, "经异议复核维持"),
                    Entry(4, "150200-03", "包头高级技工学校", "150200", "包头市", "汽车维修", null, false, "未通过资格审查")),
            },
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await ReadAsync(started))["id"]!.GetValue<string>();
    }

    /// <summary>The province confirms the ranking; the 公示 of 5 working days starts now.</summary>
    public static async Task ConfirmAsync(HttpClient province, string caseId)
    {
        var confirmed = await province.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(province, caseId)}/complete", new { outcome = "confirmed" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    private static JsonObject Entry(
        int rank, string orgId, string orgName, string cityId, string cityName, string title, double? score, bool selected, string? note) => new()
    {
        ["rank"] = rank, ["caseId"] = Guid.NewGuid().ToString(), ["orgId"] = orgId, ["orgName"] = orgName, ["cityId"] = cityId,
        ["cityName"] = cityName, ["title"] = title, ["score"] = score, ["selected"] = selected, ["note"] = note,
    };
}
