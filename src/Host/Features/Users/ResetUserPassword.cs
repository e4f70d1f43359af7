// An administrator sets a new password for someone who forgot theirs; a temporary lock from failed sign-ins ends
// with it. The new password is checked by Identity's rules first, so a refused one leaves the old one in place.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace Approvals.Host.Features.Users;

public sealed record ResetUserPassword(string Id, string? Password) : IApiCommand
{
    public sealed record Body(string? Password);

    /// <summary>Should the request ever be logged or put in an exception's text, the password stays out of it.</summary>
    public override string ToString() => $"ResetUserPassword {{ Id = {Id} }}";
}

internal sealed class ResetUserPasswordValidator : AbstractValidator<ResetUserPassword>
{
    public ResetUserPasswordValidator() => RuleFor(c => c.Password).NotEmpty().WithMessage("请输入新密码。");
}

internal sealed class ResetUserPasswordHandler(ApprovalsDb db, UserManager<User> users, CurrentUser admin, TimeProvider clock)
    : ICommandHandler<ResetUserPassword, IResult>
{
    public async ValueTask<IResult> Handle(ResetUserPassword command, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(command.Id);
        if (user is null)
        {
            return ApiProblems.NotFound("用户不存在。");
        }

        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, user, command.Password)).Errors);
        }

        if (errors.Count > 0)
        {
            return ChineseIdentityErrors.Problem(IdentityResult.Failed([.. errors]));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var step in new Func<Task<IdentityResult>>[]
                 {
                     () => users.RemovePasswordAsync(user),
                     () => users.AddPasswordAsync(user, command.Password!),
                     () => users.ResetAccessFailedCountAsync(user),
                 })
        {
            var outcome = await step();
            if (!outcome.Succeeded)
            {
                return ChineseIdentityErrors.Problem(outcome);
            }
        }

        if (!UserAccounts.IsDisabled(user) && user.LockoutEnd is not null)
        {
            var unlocked = await users.SetLockoutEndDateAsync(user, null);
            if (!unlocked.Succeeded)
            {
                return ChineseIdentityErrors.Problem(unlocked);
            }
        }

        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = admin.Id, Action = "user-password-reset", Target = user.UserName,
            Data = new JsonObject { ["userId"] = user.Id }.ToJsonString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Results.Ok((await UserAccounts.DescribeAsync(db, [user], clock.GetUtcNow(), cancellationToken))[0]);
    }
}
