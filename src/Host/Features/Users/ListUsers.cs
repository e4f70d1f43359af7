// The accounts an administrator keeps: searched by user name or name, narrowed to an organisation's subtree, paged.
using Approvals.Host.Features.Tasks;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Users;

/// <summary>Query-string parameters, each optional: OrgId takes the organisation and everything under it.</summary>
public sealed class ListUsers : PagedQuery, IApiQuery
{
    public string? OrgId { get; init; }

    /// <summary>Words in the user name or the person's name.</summary>
    public string? Q { get; init; }
}

internal sealed class ListUsersValidator : AbstractValidator<ListUsers>
{
    public ListUsersValidator()
    {
        Include(new PagedQueryValidator());
        RuleFor(q => q.Q).MaximumLength(50).WithName("关键字");
        RuleFor(q => q.OrgId).MaximumLength(100).WithName("所属机构");
    }
}

internal sealed class ListUsersHandler(ApprovalsDb db, TimeProvider clock) : IQueryHandler<ListUsers, IResult>
{
    public async ValueTask<IResult> Handle(ListUsers query, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.OrgId))
        {
            var path = await db.Organizations.AsNoTracking().Where(o => o.Id == query.OrgId).Select(o => o.Path).FirstOrDefaultAsync(cancellationToken);
            if (path is null)
            {
                return ApiProblems.Validation("orgId", $"组织机构“{query.OrgId}”不存在。");
            }

            users = users.Where(u => db.Organizations.Any(o => o.Id == u.OrgId && o.Path.StartsWith(path)));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var words = query.Q.Trim();
            users = users.Where(u => u.UserName!.Contains(words) || u.DisplayName.Contains(words));
        }

        var total = await users.CountAsync(cancellationToken);
        var page = await users.OrderBy(u => u.OrgId).ThenBy(u => u.UserName)
            .Skip(query.Skip).Take(query.Size).ToListAsync(cancellationToken);
        var items = await UserAccounts.DescribeAsync(db, page, clock.GetUtcNow(), cancellationToken);
        return Results.Ok(new Page<UserView>(items, total, query.PageNumber, query.Size));
    }
}
