// An administrator stops an account (it can no longer sign in, whatever the password) or lets it sign in again,
// which also clears a temporary lock from failed sign-ins. Nobody stops their own account.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace Approvals.Host.Features.Users;

public sealed record SetUserLock(string Id, bool Locked) : IApiCommand;

internal sealed class SetUserLockHandler(ApprovalsDb db, UserManager<User> users, CurrentUser admin, TimeProvider clock)
    : ICommandHandler<SetUserLock, IResult>
{
    public async ValueTask<IResult> Handle(SetUserLock command, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(command.Id);
        if (user is null)
        {
            return ApiProblems.NotFound("用户不存在。");
        }

        if (command.Locked && user.Id == admin.Id)
        {
            return ApiProblems.Conflict("不能停用自己正在使用的账号。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var step in command.Locked
                     ? new Func<Task<IdentityResult>>[]
                     {
                         () => users.SetLockoutEnabledAsync(user, true),
                         () => users.SetLockoutEndDateAsync(user, UserAccounts.DisabledUntil),
                         () => users.UpdateSecurityStampAsync(user),
                     }
                     : [() => users.SetLockoutEndDateAsync(user, null), () => users.ResetAccessFailedCountAsync(user)])
        {
            var outcome = await step();
            if (!outcome.Succeeded)
            {
                return ChineseIdentityErrors.Problem(outcome);
            }
        }

        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = admin.Id, Action = command.Locked ? "user-locked" : "user-unlocked", Target = user.UserName,
            Data = new JsonObject { ["userId"] = user.Id }.ToJsonString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Results.Ok((await UserAccounts.DescribeAsync(db, [user], clock.GetUtcNow(), cancellationToken))[0]);
    }
}
