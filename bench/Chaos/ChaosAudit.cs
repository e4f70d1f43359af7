// The checks after a chaos run, read straight from the engine's tables (and the cases through the API): every
// acknowledged action is in the database and in the journal, no case is stuck, every due timer fired exactly once,
// and every journal's hash chain verifies.
using System.Net;
using System.Text.Json.Nodes;
using Approvals.Workflows.Journal;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Bench.Chaos;

/// <summary>What the audit counted; every count but the first three and the timers fired should be 0.</summary>
public sealed record AuditResult(
    int ActionsChecked,
    int CasesChecked,
    int TimersFired,
    int LostActions,
    int StuckCases,
    int DuplicateFirings,
    int LostTimers,
    int BrokenJournals,
    int CasesMissingFromApi,
    IReadOnlyList<string> Findings);

public static class ChaosAudit
{
    /// <summary>Waits until no resume timer of the chaos process is due and still pending (or the time is up).</summary>
    public static async Task WaitForDueTimersAsync(WorkflowDatabase database, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var db = database.CreateContext();
            var now = DateTime.UtcNow;
            if (!await db.Timers.AnyAsync(t => t.State == TimerState.Pending && t.Purpose == TimerPurpose.Resume && t.DueAt <= now))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public static async Task<AuditResult> RunAsync(WorkflowDatabase database, IReadOnlyCollection<Acknowledged> log, ChaosDriver driver)
    {
        var findings = new List<string>();
        await using var db = database.CreateContext();
        var instances = await db.Instances.AsNoTracking().Where(i => i.DefinitionId == ChaosDefinition.Id).ToListAsync();
        var chaos = db.Instances.Where(i => i.DefinitionId == ChaosDefinition.Id);
        var tasks = await db.HumanTasks.AsNoTracking().Where(t => chaos.Any(c => c.Id == t.InstanceId)).ToDictionaryAsync(t => t.Id.Value);
        var timers = await db.Timers.AsNoTracking().Where(t => chaos.Any(c => c.Id == t.InstanceId)).ToListAsync();
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => chaos.Any(c => c.Id == b.InstanceId)).ToListAsync();
        var incidents = await db.Incidents.AsNoTracking().Where(i => chaos.Any(c => c.Id == i.InstanceId) && i.ResolvedAt == null).Select(i => i.InstanceId).ToListAsync();
        var journal = await db.Journal.AsNoTracking()
            .Where(j => chaos.Any(c => c.Id == j.InstanceId) && (j.Kind == "started" || j.Kind == "decision" || j.Kind == "timer-fired"))
            .Select(j => new { j.InstanceId, j.Kind, j.Data })
            .ToListAsync();
        var started = journal.Where(j => j.Kind == "started").Select(j => j.InstanceId.Value).ToHashSet();
        var decisions = journal.Where(j => j.Kind == "decision").Select(j => JsonNode.Parse(j.Data)!)
            .Select(d => (TaskId: Guid.Parse((string)d["taskId"]!), Outcome: (string?)d["outcome"]))
            .ToLookup(d => d.TaskId, d => d.Outcome);
        var firings = journal.Where(j => j.Kind == "timer-fired").Select(j => Guid.Parse((string)JsonNode.Parse(j.Data)!["timerId"]!))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

        var lost = 0;
        foreach (var action in log)
        {
            var problem = action.TaskId is not { } taskId
                ? instances.Any(i => i.Id.Value == action.CaseId) && started.Contains(action.CaseId) ? null : "立案已确认，但库中没有该案件或其“started”日志"
                : !tasks.TryGetValue(taskId, out var task) || task.InstanceId.Value != action.CaseId ? "办理已确认，但库中没有该待办"
                : task.Status != HumanTaskStatus.Completed || task.Outcome != action.Action ? $"办理已确认，但待办状态为 {task.Status}/{task.Outcome}"
                : !decisions[taskId].Contains(action.Action) ? "办理已确认，但日志中没有对应的“decision”"
                : null;
            if (problem is not null)
            {
                lost++;
                Note(findings, $"{action.Action} by {action.User} on case {action.CaseId} task {action.TaskId}: {problem}");
            }
        }

        var stuck = 0;
        var pendingTimers = timers.Where(t => t.State == TimerState.Pending).Select(t => t.BookmarkId).ToHashSet();
        var openTasks = tasks.Values.Where(t => t.Status == HumanTaskStatus.Open).Select(t => t.BookmarkId).ToHashSet();
        foreach (var instance in instances.Where(i => i.Status is not (InstanceStatus.Finished or InstanceStatus.Cancelled)))
        {
            var waiting = bookmarks.Any(b => b.InstanceId == instance.Id && (pendingTimers.Contains(b.Id) || openTasks.Contains(b.Id)));
            if (!waiting && !incidents.Contains(instance.Id))
            {
                stuck++;
                Note(findings, $"case {instance.Id} is {instance.Status} with no open task, no pending timer and no incident");
            }
        }

        var duplicates = 0;
        var lostTimers = 0;
        var now = DateTime.UtcNow;
        foreach (var timer in timers.Where(t => t.Purpose == TimerPurpose.Resume))
        {
            var fired = firings.GetValueOrDefault(timer.Id.Value);
            if (fired > 1)
            {
                duplicates++;
                Note(findings, $"timer {timer.Id} ({timer.NodeId}) fired {fired} times");
            }
            else if ((timer.State == TimerState.Pending && timer.DueAt <= now) || (timer.State == TimerState.Fired && fired == 0))
            {
                lostTimers++;
                Note(findings, $"timer {timer.Id} ({timer.NodeId}, due {timer.DueAt:HH:mm:ss.fff}) is {timer.State} with {fired} “timer-fired” entries");
            }
        }

        var broken = 0;
        foreach (var id in await db.Instances.AsNoTracking().Select(i => i.Id).ToListAsync())
        {
            var verification = await JournalChain.VerifyAsync(db, id);
            if (!verification.IsIntact)
            {
                broken++;
                Note(findings, $"journal of case {id}: {verification.Problem}");
            }
        }

        var missingFromApi = 0;
        foreach (var action in log.Where(a => a.Action == "start"))
        {
            if (await driver.GetCaseStatusAsync(action.User, action.CaseId) != HttpStatusCode.OK)
            {
                missingFromApi++;
                Note(findings, $"GET /api/cases/{action.CaseId} as {action.User} is not 200");
            }
        }

        return new AuditResult(log.Count, instances.Count, firings.Values.Sum(), lost, stuck, duplicates, lostTimers, broken, missingFromApi, findings);
    }

    private static void Note(List<string> findings, string finding)
    {
        if (findings.Count < 20)
        {
            findings.Add(finding);
        }
    }
}
