// "还剩 N 个工作日": the working days after one date up to and including another, as the engine counts deadlines.
using Approvals.Host.Requests;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Persistence;
using FluentValidation;
using Mediator;

namespace Approvals.Host.Features.Calendar;

public sealed record CountWorkingDays(DateOnly? From, DateOnly? To) : IApiQuery;

public sealed record WorkingDaysView(DateOnly From, DateOnly To, int WorkingDays);

internal sealed class CountWorkingDaysValidator : AbstractValidator<CountWorkingDays>
{
    /// <summary>The engine refuses longer spans; ten years is far beyond any deadline.</summary>
    private const int MaxSpanDays = 3660;

    public CountWorkingDaysValidator()
    {
        RuleFor(q => q.From).NotNull().WithName("开始日期（from）");
        RuleFor(q => q.To).NotNull().WithName("结束日期（to）");
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("结束日期不能早于开始日期。");
        RuleFor(q => q.To).Must((q, to) => to!.Value.DayNumber - q.From!.Value.DayNumber <= MaxSpanDays)
            .When(q => q.From is not null && q.To is not null).WithMessage("日期跨度不能超过十年。");
    }
}

internal sealed class CountWorkingDaysHandler(WorkflowDatabase database, CalendarSource source) : IQueryHandler<CountWorkingDays, IResult>
{
    public async ValueTask<IResult> Handle(CountWorkingDays query, CancellationToken cancellationToken)
    {
        WorkingDayCalendar calendar;
        await using (var db = database.CreateContext())
        {
            calendar = await source.GetAsync(db, cancellationToken);
        }

        var from = query.From!.Value;
        var to = query.To!.Value;
        return Results.Ok(new WorkingDaysView(from, to, calendar.WorkingDaysBetween(CalendarDates.StartOf(from), CalendarDates.StartOf(to))));
    }
}
