// An administrator opens an account: user name, name, organisation, roles and a first password the person is told
// in person. The password goes to Identity's hasher and nowhere else (not the audit, not the log).
using System.Text.Json.Nodes;
using Approvals.Host.Features.Auth;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Users;

public sealed record CreateUser(string? UserName, string? DisplayName, string? Email, string? OrgId, IReadOnlyList<string>? Roles, string? Password)
    : IApiCommand, IUserDetails
{
    /// <summary>Should the request ever be logged or put in an exception's text, the password stays out of it.</summary>
    public override string ToString() => $"CreateUser {{ UserName = {UserName}, OrgId = {OrgId} }}";
}

internal sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(c => c.UserName).NotEmpty().MaximumLength(50).WithName("用户名");
        RuleFor(c => c.UserName).Matches("^[A-Za-z0-9._@+-]+$").When(c => !string.IsNullOrEmpty(c.UserName))
            .WithMessage("用户名只能包含字母、数字和 - . _ @ + 符号，例如 zhangsan。");
        RuleFor(c => c.Password).NotEmpty().WithMessage("请设置初始密码。");
        Include(new UserDetailsValidator<CreateUser>());
    }
}

internal sealed class CreateUserHandler(ApprovalsDb db, UserManager<User> users, CurrentUser admin, TimeProvider clock)
    : ICommandHandler<CreateUser, IResult>
{
    public async ValueTask<IResult> Handle(CreateUser command, CancellationToken cancellationToken)
    {
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

        var user = new User
        {
            UserName = command.UserName!.Trim(), DisplayName = command.DisplayName!.Trim(), OrgId = org.Id,
            Email = string.IsNullOrWhiteSpace(command.Email) ? null : command.Email.Trim(),
        };
        user.EmailConfirmed = user.Email is not null;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, command.Password!);
        if (!created.Succeeded)
        {
            return ChineseIdentityErrors.Problem(created);
        }

        var joined = await users.AddToRolesAsync(user, roles);
        if (!joined.Succeeded)
        {
            return ChineseIdentityErrors.Problem(joined);
        }

        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, UserId = admin.Id, Action = "user-created", Target = user.UserName,
            Data = new JsonObject
            {
                ["userId"] = user.Id, ["displayName"] = user.DisplayName, ["email"] = user.Email, ["orgId"] = user.OrgId,
                ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]),
            }.ToJsonString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var view = (await UserAccounts.DescribeAsync(db, [user], clock.GetUtcNow(), cancellationToken))[0];
        return Results.Created($"/api/users/{user.Id}", view);
    }
}
