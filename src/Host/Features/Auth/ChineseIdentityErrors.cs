// Identity's error texts in Chinese, and the request field each one belongs to, so a refused password or user name
// reads like every other field error.
using Approvals.Host.Requests;
using Microsoft.AspNetCore.Identity;

namespace Approvals.Host.Features.Auth;

internal sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "操作未能完成，请稍后重试。");

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "该用户刚被其他管理员修改，请刷新后重试。");

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "密码不正确。");

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "令牌无效或已过期。");

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "该外部登录已绑定其他用户。");

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), $"用户名“{userName}”无效：只能包含字母、数字和 - . _ @ + 符号。");

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"电子邮箱“{email}”格式不正确。");

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"用户名“{userName}”已被使用。");

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"电子邮箱“{email}”已被其他用户使用。");

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), $"角色“{role}”无效。");

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), $"角色“{role}”已存在。");

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "该用户已设置密码。");

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "该用户未启用锁定功能。");

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), $"该用户已有角色“{Roles.Names.GetValueOrDefault(role, role)}”。");

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), $"该用户没有角色“{Roles.Names.GetValueOrDefault(role, role)}”。");

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"密码至少需要 {length} 个字符。");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), $"密码至少需要包含 {uniqueChars} 个不同的字符。");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "密码须包含至少一个符号（如 # 或 @）。");

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "密码须包含至少一个数字。");

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "密码须包含至少一个小写字母。");

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "密码须包含至少一个大写字母。");

    /// <summary>A failed Identity result as a 400 with each error under the field it concerns.</summary>
    public static IResult Problem(IdentityResult result) =>
        ApiProblems.Validation(result.Errors
            .GroupBy(e => Field(e.Code))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).Distinct().ToArray()));

    private static string Field(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "password",
        nameof(InvalidUserName) or nameof(DuplicateUserName) => "userName",
        nameof(InvalidEmail) or nameof(DuplicateEmail) => "email",
        nameof(InvalidRoleName) or nameof(UserAlreadyInRole) or nameof(UserNotInRole) => "roles",
        _ => "",
    };

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
