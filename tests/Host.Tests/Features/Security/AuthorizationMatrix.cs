// Who may call each endpoint of the route table: the expected answer per route pattern and method, per actor. An
// endpoint missing from the table fails the matrix test, so a new endpoint must say who may call it.
using System.Text.Json.Nodes;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features.Security;

/// <summary>How far an endpoint is open.</summary>
internal enum Access
{
    /// <summary>Open without sign-in.</summary>
    Public,

    /// <summary>Any signed-in user.</summary>
    SignedIn,

    /// <summary>System administrators only (403 for the other roles).</summary>
    Administrator,

    /// <summary>An object of school A: hidden (404) from those who cannot see it, 403 for those who see it but may not act.</summary>
    SchoolA,

    /// <summary>The city reviewer's own notification: hidden from everybody else.</summary>
    Owner,
}

/// <summary>
/// One route's expectation. <paramref name="MayAct"/>: of those who see school A's object, who may act (the rest get
/// 403). <paramref name="Body"/>: a well-formed request, sent by those who must be refused, so that the refusal is the
/// scope's and not the validator's (those allowed send an empty one, which cannot change much). <paramref name="Last"/>:
/// the call ends a session or the object's life (sign-out, withdraw), so it runs after the others.
/// <paramref name="NoSuchResult"/>: school A's filing holds no such result, so those allowed get 404 too.
/// </summary>
internal sealed record Rule(Access Access, IReadOnlySet<string>? MayAct = null, Func<SecurityWorld, JsonNode>? Body = null, bool Last = false, bool NoSuchResult = false);

/// <summary>What an actor must get.</summary>
internal enum Outcome
{
    /// <summary>2xx, or a 4xx about the request itself (400, 409, 415, 422): never 401, 403, 404 or 5xx.</summary>
    Allowed,

    /// <summary>401 ProblemDetails.</summary>
    Unauthenticated,

    /// <summary>403 ProblemDetails.</summary>
    Forbidden,

    /// <summary>404 (or 403) ProblemDetails, revealing nothing of the object, writing nothing.</summary>
    Hidden,
}

internal static class AuthorizationMatrix
{
    /// <summary>The actors who see school A's objects: the school, its city, the province, the administrator.</summary>
    public static readonly IReadOnlySet<string> SeeSchoolA = new HashSet<string>(StringComparer.Ordinal) { "school", "hohhot", "province", "admin" };

    private static readonly HashSet<string> Applicant = new(StringComparer.Ordinal) { "school" };
    private static readonly HashSet<string> CityReviewer = new(StringComparer.Ordinal) { "hohhot" };
    private static readonly HashSet<string> Reviewers = new(StringComparer.Ordinal) { "hohhot", "province" };
    private static readonly HashSet<string> ApplicantOrAdministrator = new(StringComparer.Ordinal) { "school", "admin" };
    private static readonly HashSet<string> Province = new(StringComparer.Ordinal) { "province" };

    private static readonly Rule Public = new(Access.Public);
    private static readonly Rule SignedIn = new(Access.SignedIn);
    private static readonly Rule Administrator = new(Access.Administrator);

    /// <summary>Route pattern and method → who may call it.</summary>
    public static readonly IReadOnlyDictionary<string, Rule> Rules = new Dictionary<string, Rule>(StringComparer.Ordinal)
    {
        ["GET /health/"] = Public,
        ["* /metrics"] = Public,
        ["GET /openapi/{documentName}.json"] = Public,
        ["GET /scalar/{documentName?}"] = Public,
        ["GET /scalar/favicon.svg"] = Public,
        ["GET /scalar/scalar.js"] = Public,
        ["GET /scalar/scalar.aspnetcore.js"] = Public,
        [$"GET {ClientAppFallback}"] = Public,
        [$"HEAD {ClientAppFallback}"] = Public,

        ["POST /api/auth/login"] = Public,
        ["GET /api/auth/antiforgery"] = Public,
        ["GET /api/auth/me"] = SignedIn,
        ["POST /api/auth/logout"] = SignedIn with { Last = true },

        ["POST /api/attachments/"] = SignedIn,
        ["GET /api/attachments/{id:guid}"] = new(Access.SchoolA),

        ["POST /api/cases/"] = SignedIn,
        ["GET /api/cases/{id:guid}"] = new(Access.SchoolA),
        ["POST /api/cases/{id:guid}/withdraw"] = new(Access.SchoolA, Applicant, _ => new JsonObject { ["reason"] = "撤回" }, Last: true),
        ["POST /api/cases/{id:guid}/cancel"] = new(Access.SchoolA, ApplicantOrAdministrator, _ => new JsonObject { ["reason"] = "撤销" }, Last: true),
        ["POST /api/cases/{id:guid}/comments"] = new(Access.SchoolA, Body: _ => new JsonObject { ["text"] = "意见" }),
        ["POST /api/cases/{id:guid}/objections"] = new(Access.SchoolA, Body: _ => new JsonObject { ["reason"] = "异议" }),
        ["POST /api/cases/{id:guid}/copies"] = new(Access.SchoolA, Body: w => new JsonObject { ["userIds"] = new JsonArray(w.UserId) }),
        ["GET /api/notices"] = SignedIn,

        ["POST /api/cases/{id:guid}/applications"] = new(Access.SchoolA, Body: _ => new JsonObject { ["form"] = new JsonObject() }),
        ["POST /api/cases/{id:guid}/applications/check"] = new(Access.SchoolA, Body: _ => new JsonObject { ["form"] = new JsonObject() }),
        ["POST /api/cases/{id:guid}/quota-exceptions"] = new(Access.SchoolA, Province,
            _ => new JsonObject { ["orgId"] = SecurityWorld.OwnSchool, ["quota"] = 4, ["reason"] = "特批" }),
        ["GET /api/cases/{id:guid}/dashboard"] = new(Access.SchoolA),
        ["GET /api/batches"] = SignedIn,

        ["GET /api/cases/{id:guid}/exports/rewards"] = new(Access.SchoolA, NoSuchResult: true),
        ["GET /api/cases/{id:guid}/exports/selection"] = new(Access.SchoolA, NoSuchResult: true),
        ["GET /api/cases/{id:guid}/exports/notice"] = new(Access.SchoolA, NoSuchResult: true),
        ["POST /api/cases/{id:guid}/exports/notice/preview"] = new(Access.SchoolA, Body: _ => new JsonObject { ["template"] = "公示 {{批次名称}}" }, NoSuchResult: true),
        ["GET /api/organizations/{orgId}/exports/majors"] = new(Access.SchoolA),

        ["GET /api/tasks/"] = SignedIn,
        ["GET /api/tasks/counts"] = SignedIn,
        ["POST /api/tasks/batch-approve"] = SignedIn,
        ["POST /api/tasks/{id:guid}/approve"] = new(Access.SchoolA, CityReviewer, _ => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(CityApproval()))!),
        ["POST /api/tasks/{id:guid}/reject"] = new(Access.SchoolA, CityReviewer, _ => new JsonObject { ["comment"] = "不同意" }),
        ["POST /api/tasks/{id:guid}/return"] = new(Access.SchoolA, CityReviewer, _ => new JsonObject { ["comment"] = "请补充" }),
        ["POST /api/tasks/{id:guid}/resubmit"] = new(Access.SchoolA, CityReviewer, _ => new JsonObject { ["comment"] = "已补充" }),
        ["POST /api/tasks/{id:guid}/complete"] = new(Access.SchoolA, CityReviewer, _ => new JsonObject { ["outcome"] = "return", ["comment"] = "请补充" }),
        ["POST /api/tasks/{id:guid}/transfer"] = new(Access.SchoolA, CityReviewer, w => new JsonObject { ["userId"] = w.UserId, ["comment"] = "转办" }),
        ["POST /api/tasks/{id:guid}/delegate"] = new(Access.SchoolA, CityReviewer, w => new JsonObject { ["userId"] = w.UserId, ["comment"] = "委托" }),
        ["POST /api/tasks/{id:guid}/add-signer"] = new(Access.SchoolA, CityReviewer, w => new JsonObject { ["userId"] = w.UserId, ["comment"] = "加签" }),
        ["POST /api/tasks/{id:guid}/hand-back"] = new(Access.SchoolA, CityReviewer, _ => new JsonObject { ["comment"] = "交回" }),
        ["POST /api/tasks/{id:guid}/urge"] = new(Access.SchoolA, Body: _ => new JsonObject { ["message"] = "请尽快办理" }),

        ["GET /api/notifications/"] = SignedIn,
        ["GET /api/notifications/unread-count"] = SignedIn,
        ["POST /api/notifications/read-all"] = SignedIn,
        ["POST /api/notifications/{id:long}/read"] = new(Access.Owner),

        ["GET /api/definitions/"] = SignedIn,
        ["GET /api/definitions/catalogue"] = SignedIn,
        ["GET /api/definitions/{id}"] = SignedIn,
        ["GET /api/definitions/{id}/versions"] = SignedIn,
        ["GET /api/definitions/{id}/diff"] = SignedIn,
        ["POST /api/definitions/validate"] = SignedIn,
        ["GET /api/definitions/assignee-options"] = Administrator,
        ["POST /api/definitions/expressions/check"] = Administrator,
        ["GET /api/definitions/{id}/cases"] = Administrator,
        ["GET /api/definitions/{id}/draft"] = Administrator,
        ["PUT /api/definitions/{id}/draft"] = Administrator,
        ["DELETE /api/definitions/{id}/draft"] = Administrator with { Last = true },
        ["POST /api/definitions/{id}/dry-run"] = Administrator,
        ["POST /api/definitions/{id}/publish"] = Administrator,

        ["GET /api/calendar/"] = SignedIn,
        ["GET /api/calendar/working-days"] = SignedIn,
        ["POST /api/calendar/overrides"] = Administrator,
        ["DELETE /api/calendar/overrides/{date}"] = Administrator,

        ["GET /api/organizations/"] = SignedIn,
        ["POST /api/organizations/"] = Administrator,
        ["PUT /api/organizations/{id}"] = Administrator,
        ["GET /api/organizations/{orgId}/majors/"] = new(Access.SchoolA),
        ["POST /api/organizations/{orgId}/majors/{code}/warning"] = new(Access.SchoolA, Reviewers,
            _ => new JsonObject { ["reason"] = "就业率低", ["detail"] = "连续两年就业率低于 60%", ["employmentRate"] = 50 }),
        ["GET /api/organizations/{orgId}/records/{collection}"] = new(Access.SchoolA),

        ["GET /api/reference-lists/"] = SignedIn,
        ["GET /api/reference-lists/{listId}"] = SignedIn,
        ["PUT /api/reference-lists/{listId}/items/{code}"] = Administrator,

        ["GET /api/users/"] = Administrator,
        ["POST /api/users/"] = Administrator,
        ["PUT /api/users/{id}"] = Administrator,
        ["POST /api/users/{id}/lock"] = Administrator,
        ["POST /api/users/{id}/unlock"] = Administrator,
        ["POST /api/users/{id}/password"] = Administrator,
        ["GET /api/roles"] = Administrator,
    };

    /// <summary>The web application's catch-all route (index.html for every client path).</summary>
    public const string ClientAppFallback = "{*path:nonfile:regex(^(?!(api|health|metrics|hangfire|scalar|openapi)(/|$)).*$)}";

    public static Outcome Expect(Rule rule, string? actor) => (rule.Access, actor) switch
    {
        (Access.Public, _) => Outcome.Allowed,
        (_, null) => Outcome.Unauthenticated,
        (Access.SignedIn, _) => Outcome.Allowed,
        (Access.Administrator, _) => actor == "admin" ? Outcome.Allowed : Outcome.Forbidden,
        (Access.Owner, _) => actor == "hohhot" ? Outcome.Allowed : Outcome.Hidden,
        _ => !SeeSchoolA.Contains(actor) ? Outcome.Hidden : rule.MayAct is null || rule.MayAct.Contains(actor) ? Outcome.Allowed : Outcome.Forbidden,
    };
}
