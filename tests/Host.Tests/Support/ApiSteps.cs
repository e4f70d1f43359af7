// The steps the API tests repeat: start a major-addition filing or a rewards case, upload a file, find a task in a list, read the database.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Host.Tests;

internal static class ApiSteps
{
    public static JsonObject MajorForm(string majorName = "数控加工技术") => new()
    {
        ["majorCode"] = "0103",
        ["majorName"] = majorName,
        ["teachers"] = 12,
        ["trainingFacilities"] = "数控实训楼 2400 平方米，数控车床 30 台",
        ["partnerEnterprise"] = "内蒙古第一机械集团有限公司",
        ["labourDemand"] = "全区装备制造业每年需求数控技工约 3000 人",
        ["plannedEnrolment"] = 45,
    };

    /// <summary>The major-setting standard the city evaluates a filing against, one verdict per item.</summary>
    public static readonly string[] FilingStandard =
        ["产业和劳动力市场需求", "专任教师队伍", "实训场地与设备", "校企合作企业", "人才培养方案与课程设置", "招生计划与办学规模"];

    /// <summary>The city's approval of a filing: every item of the standard met.</summary>
    public static object CityApproval(string comment = "同意") => new
    {
        comment,
        data = new JsonObject
        {
            ["checklist"] = new JsonArray([.. FilingStandard.Select(item => (JsonNode)new JsonObject { ["item"] = item, ["verdict"] = "符合" })]),
        },
    };

    public static async Task<string> StartFilingAsync(HttpClient school, string majorName = "数控加工技术")
    {
        var response = await school.PostAsJsonAsync("/api/cases", new { definitionId = "major-addition-filing", form = MajorForm(majorName) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>A competition-rewards case with one winner, started by the school.</summary>
    public static async Task<string> StartRewardsAsync(HttpClient school)
    {
        var started = await school.PostAsJsonAsync("/api/cases", new
        {
            definitionId = "competition-rewards",
            form = new JsonObject
            {
                ["winners"] = new JsonArray(new JsonObject
                {
                    ["name"] = "张三", ["role"] = "学生", ["event"] = "数控车", ["level"] = "全国", ["rank"] = 1, ["organiser"] = "教育行政部门",
                    ["year"] = 2025,
                }),
            },
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await ReadAsync(started))["id"]!.GetValue<string>();
    }

    /// <summary>A small, real PDF uploaded under the name; its attachment id.</summary>
    public static async Task<string> UploadPdfAsync(HttpClient client, string name)
    {
        var file = new ByteArrayContent(Encoding.ASCII.GetBytes($"%PDF-1.4\n% {Guid.NewGuid()}\n%%EOF\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var response = await client.PostAsync("/api/attachments", new MultipartFormDataContent { { file, "file", name } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadAsync(response))["id"]!.GetValue<string>();
    }

    public static async Task<JsonArray> ListAsync(HttpClient client, string list, string query = "")
    {
        var response = await client.GetAsync($"/api/tasks?list={list}{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
    }

    /// <summary>The caller's open task on the case, from their 待办 list.</summary>
    public static async Task<string> TodoTaskAsync(HttpClient client, string caseId)
    {
        var items = await ListAsync(client, "todo", "&pageSize=100");
        var row = items.Single(i => i!["caseId"]!.GetValue<string>() == caseId);
        return row!["taskId"]!.GetValue<string>();
    }

    /// <summary>The caller's one open task on the case, acted on with the action (approve, return, complete…).</summary>
    public static async Task<HttpResponseMessage> ActAsync(HttpClient who, string caseId, string action, object body) =>
        await who.PostAsJsonAsync($"/api/tasks/{await TodoTaskAsync(who, caseId)}/{action}", body);

    /// <summary>As <see cref="ActAsync"/>, which must succeed; a refusal fails the test with the server's words.</summary>
    public static async Task DecideAsync(HttpClient who, string caseId, string action, object body)
    {
        var response = await ActAsync(who, caseId, action, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        await response.Content.LoadIntoBufferAsync();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public static async Task<JsonObject> GetCaseAsync(HttpClient client, string caseId)
    {
        var response = await client.GetAsync($"/api/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    public static async Task<T> QueryEngineAsync<T>(this HostFactory factory, Func<WorkflowDbContext, Task<T>> query)
    {
        await using var db = factory.Services.GetRequiredService<WorkflowDatabase>().CreateContext();
        return await query(db);
    }

    public static Task<int> CountCasesAsync(this HostFactory factory) => factory.QueryEngineAsync(db => db.Instances.CountAsync());

    /// <summary>A ProblemDetails body: JSON with a status and a Chinese title.</summary>
    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await ReadAsync(response);
        Assert.Equal((int)status, body["status"]!.GetValue<int>());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", body["title"]!.GetValue<string>());
    }
}
