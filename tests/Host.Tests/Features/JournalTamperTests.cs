// Tamper evidence end to end: journal rows edited, deleted, reordered and forged with plain SQL in the database are
// each found by the verify function, shown on the case page and, once the background audit has run, on /health; an
// untouched database reads intact. On SQLite, and on PostgreSQL when APPROVALS_TEST_POSTGRES is set.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Features.Health;
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Approvals.Host.Tests.ApiSteps;

namespace Approvals.Host.Tests.Features;

public sealed class JournalTamperTests : IDisposable
{
    /// <summary>Small, so the audit needs several runs for a round and its cursor is exercised.</summary>
    private const int SliceSize = 4;

    private const string EditedData = """{"comment":"同意"}""";

    private readonly string databaseFile = HostFactory.NewDatabaseFile();

    public static TheoryData<string> Providers => TestPostgres.Providers;

    /// <summary>Each kind of direct edit, the SQL that does it to one case's journal, and words its problem must contain.</summary>
    private static readonly (string Kind, string Expected, Func<WorkflowDbContext, IReadOnlyList<JournalEntry>, Task> Tamper)[] Tampering =
    [
        ("data", "内容被修改", (db, j) => db.Database.ExecuteSqlAsync($"""UPDATE wf_journal SET "Data" = {EditedData} WHERE "Id" = {j[1].Id}""")),
        ("kind", "内容被修改", (db, j) => db.Database.ExecuteSqlAsync($"""UPDATE wf_journal SET "Kind" = 'case-cancelled' WHERE "Id" = {j[^1].Id}""")),
        ("actor", "内容被修改", (db, j) => db.Database.ExecuteSqlAsync($"""UPDATE wf_journal SET "Actor" = 'province' WHERE "Id" = {j[0].Id}""")),
        ("time", "内容被修改", (db, j) => db.Database.ExecuteSqlAsync($"""UPDATE wf_journal SET "At" = {j[1].At.AddHours(-3)} WHERE "Id" = {j[1].Id}""")),
        ("delete-middle", "缺失或顺序被改动", (db, j) => db.Database.ExecuteSqlAsync($"""DELETE FROM wf_journal WHERE "Id" = {j[1].Id}""")),
        ("delete-last", "末尾缺失", (db, j) => db.Database.ExecuteSqlAsync($"""DELETE FROM wf_journal WHERE "Id" = {j[^1].Id}""")),
        ("swap", "不衔接", SwapAsync),
        ("forge", "被伪造", ForgeAsync),
    ];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tampering_EveryKindOfDirectEdit_IsFoundByVerifyTheCasePageAndHealth(string provider)
    {
        await using var postgres = provider == "postgres" ? await TestPostgres.CreateAsync() : null;
        await using var factory = new HostFactory(databaseFile)
        {
            ConnectionString = postgres?.ConnectionString,
            Settings = new Dictionary<string, string?> { ["Approvals:JournalAudit:SliceSize"] = SliceSize.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        using var anonymous = factory.CreateClient();
        // Before the first audit the journal is "pending"; the minutely schedule may have run one already on an empty database.
        var first = (await HealthAsync(anonymous))["journal"]!;
        Assert.Equal(first["lastAuditAt"] is null ? "pending" : "intact", first["state"]!.GetValue<string>());

        using var school = await factory.SignInAsync("school");
        using var city = await factory.SignInAsync("hohhot");
        var cases = new List<string>();
        for (var i = 0; i < Tampering.Length + 3; i++)
        {
            var caseId = await StartFilingAsync(school, $"专业{i}");
            await DecideAsync(city, caseId, "return", new { comment = "请补充材料" });
            cases.Add(caseId);
        }

        // Untouched: a whole round of the audit finds every journal intact.
        await AuditRoundAsync(factory, anonymous);
        var intact = await HealthAsync(anonymous);
        Assert.Equal("healthy", intact["status"]!.GetValue<string>());
        Assert.Equal("intact", intact["journal"]!["state"]!.GetValue<string>());
        Assert.Equal(0, intact["journal"]!["brokenCases"]!.GetValue<int>());
        Assert.True((await GetCaseAsync(school, cases[0]))["journalIntact"]!.GetValue<bool>());

        var tampered = new Dictionary<string, (string Kind, string Expected)>();
        await using (var db = factory.Services.GetRequiredService<WorkflowDatabase>().CreateContext())
        {
            for (var i = 0; i < Tampering.Length; i++)
            {
                var (kind, expected, tamper) = Tampering[i];
                var id = Id(cases[i]);
                var journal = await db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync();
                Assert.True(journal.Count >= 4, $"案件 {cases[i]} 只有 {journal.Count} 条日志");
                await tamper(db, journal);
                tampered[cases[i]] = (kind, expected);
            }
        }

        // A forged row is a journal row written since the last audit: the very next run checks its case.
        await TriggerAuditAsync(factory, anonymous);
        var forged = tampered.Single(t => t.Value.Kind == "forge").Key;
        Assert.Contains(Id(forged), await factory.QueryEngineAsync(db => db.JournalBreaks.Select(b => b.InstanceId).ToListAsync()));

        await AuditRoundAsync(factory, anonymous);
        foreach (var (caseId, (kind, expected)) in tampered)
        {
            var verification = await factory.QueryEngineAsync(db => JournalChain.VerifyAsync(db, Id(caseId)));
            Assert.False(verification.IsIntact, kind);
            Assert.Contains(expected, verification.Problem, StringComparison.Ordinal);

            var page = await GetCaseAsync(school, caseId);
            Assert.False(page["journalIntact"]!.GetValue<bool>(), kind);
            Assert.Equal(verification.Problem, page["journalProblem"]!.GetValue<string>());
        }

        foreach (var caseId in cases.Except(tampered.Keys))
        {
            Assert.True((await GetCaseAsync(school, caseId))["journalIntact"]!.GetValue<bool>());
        }

        var response = await anonymous.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await ReadAsync(response);
        Assert.Equal("degraded", health["status"]!.GetValue<string>());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", health["reason"]!.GetValue<string>());
        var journalHealth = health["journal"]!;
        Assert.Equal("broken", journalHealth["state"]!.GetValue<string>());
        Assert.Equal(tampered.Count, journalHealth["brokenCases"]!.GetValue<int>());
        Assert.Empty(journalHealth["firstBrokenCases"]!.AsArray());

        // Which cases: for an administrator only.
        using var admin = await factory.SignInAsync("admin");
        var named = (await ReadAsync(await admin.GetAsync(new Uri("/health", UriKind.Relative))))["journal"]!["firstBrokenCases"]!.AsArray();
        Assert.Equal(5, named.Count);
        Assert.All(named, b => Assert.Contains(b!["caseId"]!.GetValue<string>(), tampered.Keys));
        Assert.Contains(named, b => b!["caseId"]!.GetValue<string>() == forged);
        var broken = await factory.QueryEngineAsync(db => db.JournalBreaks.Select(b => b.InstanceId).ToListAsync());
        Assert.Equal(tampered.Keys.Select(Guid.Parse).Order(), broken.Select(b => b.Value).Order());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        HostFactory.DeleteDatabase(databaseFile);
    }

    private static InstanceId Id(string caseId) => new(Guid.Parse(caseId));

    /// <summary>Two neighbouring rows change places through a free sequence number, as someone reordering history would.</summary>
    private static async Task SwapAsync(WorkflowDbContext db, IReadOnlyList<JournalEntry> journal)
    {
        var (a, b) = (journal[1], journal[2]);
        await db.Database.ExecuteSqlAsync($"""UPDATE wf_journal SET "Sequence" = -1 WHERE "Id" = {a.Id}""");
        await db.Database.ExecuteSqlAsync($"""UPDATE wf_journal SET "Sequence" = {a.Sequence} WHERE "Id" = {b.Id}""");
        await db.Database.ExecuteSqlAsync($"""UPDATE wf_journal SET "Sequence" = {b.Sequence} WHERE "Id" = {a.Id}""");
    }

    /// <summary>
    /// A forged approval appended after the last row by someone who knows the hash: its link and its own hash are
    /// right, only the head the case row keeps gives it away.
    /// </summary>
    private static async Task ForgeAsync(WorkflowDbContext db, IReadOnlyList<JournalEntry> journal)
    {
        var last = journal[^1];
        var forged = new JournalEntry
        {
            InstanceId = last.InstanceId, Sequence = last.Sequence + 1, At = last.At, Kind = "decision", NodeId = last.NodeId,
            Actor = "hohhot", Data = """{"outcome":"approve"}""", PreviousHash = last.Hash, Hash = "",
        };
        var hash = JournalChain.Hash(forged);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO wf_journal ("InstanceId", "Sequence", "At", "Kind", "NodeId", "Actor", "Data", "PreviousHash", "Hash")
            SELECT "InstanceId", {forged.Sequence}, "At", {forged.Kind}, "NodeId", {forged.Actor}, {forged.Data}, "Hash", {hash}
            FROM wf_journal WHERE "Id" = {last.Id}
            """);
    }

    private static async Task<JsonObject> HealthAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>(new Uri("/health", UriKind.Relative)))!;

    /// <summary>Runs the audit through Hangfire, as its schedule does, and waits until /health shows the run.</summary>
    private static async Task TriggerAuditAsync(HostFactory factory, HttpClient client)
    {
        var before = (await HealthAsync(client))["journal"]!["lastAuditAt"]?.ToJsonString();
        factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(JournalAuditJob.JobId);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await HealthAsync(client))["journal"]!["lastAuditAt"]?.ToJsonString() == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "日志巡检 30 秒内没有运行");
            await Task.Delay(100);
        }
    }

    /// <summary>Audit runs until a whole round over every case has been completed since the call.</summary>
    private static async Task AuditRoundAsync(HostFactory factory, HttpClient client)
    {
        var rounds = (await HealthAsync(client))["journal"]!["roundsCompleted"]!.GetValue<int>();
        do
        {
            await TriggerAuditAsync(factory, client);
        }
        while ((await HealthAsync(client))["journal"]!["roundsCompleted"]!.GetValue<int>() == rounds);
    }
}
