// A list read a page at a time: ?page=&pageSize= (1-based, 20 by default, at most 100), checked the same way for
// every list with the Chinese names a person reads in the error.
using FluentValidation;

namespace Approvals.Host.Requests;

public abstract class PagedQuery
{
    public int? Page { get; init; }

    public int? PageSize { get; init; }

    internal int PageNumber => Page ?? 1;

    internal int Size => PageSize ?? 20;

    internal int Skip => (PageNumber - 1) * Size;
}

internal sealed class PagedQueryValidator : AbstractValidator<PagedQuery>
{
    public PagedQueryValidator()
    {
        RuleFor(q => q.PageNumber).GreaterThanOrEqualTo(1).WithName("页码").OverridePropertyName("page");
        RuleFor(q => q.Size).InclusiveBetween(1, 100).WithName("每页条数").OverridePropertyName("pageSize");
    }
}
