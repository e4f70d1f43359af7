// The plans of the work lists' own queries: the Host's query built in-process for a demo user (the same LINQ the
// handler runs, so the same SQL), then EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL or EXPLAIN QUERY PLAN on SQLite with
// the query's own parameters, and the indexes (or full scans) they show.
using System.Data.Common;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Approvals.Host.Features.Auth;
using Approvals.Host.Features.Organizations;
using Approvals.Host.Features.Tasks;
using Approvals.Host.Persistence;
using Approvals.Host.Startup;
using Approvals.Workflows;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Bench.Scale;

internal sealed partial record QueryPlan(string Sql, IReadOnlyList<string> Lines)
{
    /// <summary>Index names the plan reads through.</summary>
    public IReadOnlyList<string> Indexes => [.. Lines.SelectMany(l => IndexPattern().Matches(l)).Select(m => m.Groups["name"].Value).Distinct()];

    /// <summary>Tables the plan reads whole.</summary>
    public IReadOnlyList<string> FullScans => [.. Lines.SelectMany(l => ScanPattern().Matches(l)).Select(m => m.Groups["table"].Value).Distinct()];

    public static async Task<QueryPlan> ExplainAsync(WorkflowDbContext db, IQueryable query, bool count)
    {
        await using var command = query.CreateDbCommand();
        var sql = count ? $"SELECT COUNT(*) FROM ({command.CommandText}) AS counted" : command.CommandText;
        var postgres = db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal);
        command.CommandText = postgres ? $"EXPLAIN (ANALYZE, BUFFERS) {sql}" : $"EXPLAIN QUERY PLAN {sql}";
        await db.Database.OpenConnectionAsync();
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var depth = new Dictionary<long, int>();
            while (await reader.ReadAsync())
            {
                if (postgres)
                {
                    lines.Add(reader.GetString(0));
                }
                else
                {
                    // id, parent, unused, detail: indent each step under its parent.
                    var level = depth.GetValueOrDefault(reader.GetInt64(1), -1) + 1;
                    depth[reader.GetInt64(0)] = level;
                    lines.Add(new string(' ', level * 2) + reader.GetString(3));
                }
            }
        }

        return new QueryPlan(sql, lines);
    }

    [GeneratedRegex(@"(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) ""?(?<name>[\w]+)|USING (?:COVERING )?INDEX (?<name>\w+)|USING (?<name>(?:INTEGER )?PRIMARY KEY)")]
    private static partial Regex IndexPattern();

    [GeneratedRegex(@"Seq Scan on ""?(?<table>\w+)|^\s*SCAN (?<table>\w+)(?! USING)(?:\s*$)")]
    private static partial Regex ScanPattern();
}

/// <summary>A demo user as the Host's query scoping sees them, for running and explaining their work lists in-process.</summary>
internal sealed class DemoCaller : IAsyncDisposable
{
    private ServiceProvider? engine;

    private DemoCaller(string userName, string userId, string orgId, string role)
    {
        UserName = userName;
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, userName), new Claim(CurrentUser.OrgClaim, orgId), new Claim(ClaimTypes.Role, role)],
            "bench");
        User = new CurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity) } });
    }

    public string UserName { get; }

    public CurrentUser User { get; }

    /// <summary>The Host's own ListWork handler, run in-process as this user: the database's part of a request, no HTTP.</summary>
    public async Task ListAsync(string connectionString, ListWork query)
    {
        engine ??= new ServiceCollection().AddWorkflows(connectionString).BuildServiceProvider();
        await using var appDb = ApprovalsDbRegistration.Create(connectionString);
        var scope = new CaseScope(appDb, User);
        var rows = new TaskRows(scope, new Names(appDb), engine.GetRequiredService<CalendarSource>(), TimeProvider.System,
            engine.GetRequiredService<DefinitionStore>(), engine.GetRequiredService<ActivityRegistry>());
        var handler = new ListWorkHandler(engine.GetRequiredService<WorkflowDatabase>(), scope, appDb, rows, TimeProvider.System);
        await handler.Handle(query, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (engine is not null)
        {
            await engine.DisposeAsync();
        }
    }

    public static DemoCaller For(string userName, string userId)
    {
        var demo = DemoData.Users.Single(u => u.UserName == userName);
        return new DemoCaller(userName, userId, demo.OrgId, demo.Role);
    }

    /// <summary>The plans of one list's page and of its count, as ListWork runs them for this caller.</summary>
    public async Task<(QueryPlan Page, QueryPlan Count)> ExplainAsync(string connectionString, ListWork query)
    {
        await using var appDb = ApprovalsDbRegistration.Create(connectionString);
        await using var db = WorkflowDatabase.FromConnectionString(connectionString).CreateContext();
        var scope = new CaseScope(appDb, User);
        var now = DateTime.UtcNow;
        var tasks = ListWorkHandler.TaskQuery(db, scope, query, now);
        var page = await QueryPlan.ExplainAsync(db, ListWorkHandler.TaskPage(db, scope, query, now), count: false);
        var count = await QueryPlan.ExplainAsync(db, tasks, count: true);
        return (page, count);
    }
}
