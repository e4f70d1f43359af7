// The journal audit as a Hangfire recurring job: every minute one node verifies the cases written since and the
// next slice of the round over all cases (Approvals:JournalAudit:SliceSize, 2,000 by default: a million cases in
// about eight hours), and logs an error when it finds a journal altered.
using Approvals.Workflows.Journal;
using Hangfire;

namespace Approvals.Host.Features.Health;

public sealed partial class JournalAuditJob(JournalAudit audit, IConfiguration configuration, ILogger<JournalAuditJob> logger)
{
    public const string JobId = "journal-audit";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<JournalAuditRun> RunAsync()
    {
        var run = await audit.RunAsync(Math.Max(1, configuration.GetValue("Approvals:JournalAudit:SliceSize", 2000)));
        if (run.Broken > 0)
        {
            LogBroken(logger, run.Broken, run.Checked);
        }

        return run;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "办理记录校验：本次检查 {Checked} 个案件，{Broken} 个案件的办理记录被改动，请查看 /health 并核对数据库")]
    private static partial void LogBroken(ILogger logger, int broken, int @checked);
}
