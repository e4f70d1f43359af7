// An administrator changes a person's name, e-mail, organisation or roles. The security stamp changes with them, so
// the person's sign-in cookie (which carries the organisation and roles) is renewed or refused at its next check.
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Users;

public sealed record UpdateUser(string Id, string? DisplayName, string? Email, string? OrgId, IReadOnlyList<string>? Roles) : IApiCommand, IUserDetails
{
    public sealed record Body(string? DisplayName, string? Email, string? OrgId, IReadOnlyList<string>? Roles);
}

internal sealed class UpdateUserValidator : AbstractValidator<UpdateUser>
{
    public UpdateUserValidator() => Include(new UserDetailsValidator<UpdateUser>());
}

internal sealed class UpdateUserHandler(ApprovalsDb db, UserManager<User> users, CurrentUser admin, TimeProvider clock)
    : ICommandHandler<UpdateUser, IResult>
{
    public async ValueTask<IResult> Handle(UpdateUser command, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(command.Id);
        if (user is null)
        {
            return ApiProblems.NotFound("用户不存在。");
        }

        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == command.OrgId, cancellationToken);
        if (org is null)
        {
            return ApiProblems.Validation("orgId", $"组织机构“{command.OrgId}”不存在。");
        }

        var roles = command.Roles!.Distinct().ToList();
        if (UserAccounts.PlacementProblem(roles, org) is { } misplaced)
        {
            return ApiProblems.Validation("roles", misplaced);
        }

        if (user.Id == admin.Id && !roles.Contains(Roles.Administrator))
        {
            return ApiProblems.Validation("roles", "不能取消自己的系统管理员角色，以免无人能管理系统。");
        }

        var held = await users.GetRolesAsync(user);
        var before = Describe(user, held);
        user.DisplayName = command.DisplayName!.Trim();
        user.Email = string.IsNullOrWhiteSpace(command.Email) ? null : command.Email.Trim();
        user.EmailConfirmed = user.Email is not null;
        user.OrgId = org.Id;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var result in new Func<Task<IdentityResult>>[]
                 {
                     () => users.RemoveFromRolesAsync(user, held.Except(roles)),
                     () => users.AddToRolesAsync(user, roles.Except(held)),
                     () => users.UpdateSecurityStampAsync(user),
                 })
        {
            var outcome = await result();
            if (!outcome.Succeeded)
            {
                return ChineseIdentityErrors.Problem(outcome);
            }
        }

        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = admin.Id, Action = "user-changed", Target = user.UserName,
            Data = new JsonObject { ["userId"] = user.Id, ["before"] = before, ["after"] = Describe(user, roles) }.ToJsonString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Results.Ok((await UserAccounts.DescribeAsync(db, [user], clock.GetUtcNow(), cancellationToken))[0]);
    }

    private static JsonObject Describe(User user, IEnumerable<string> roles) => new()
    {
        ["displayName"] = user.DisplayName, ["email"] = user.Email, ["orgId"] = user.OrgId,
        ["roles"] = new JsonArray([.. roles.Order().Select(r => (JsonNode)r)]),
    };
}
