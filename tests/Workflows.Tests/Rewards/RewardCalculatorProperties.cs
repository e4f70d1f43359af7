// Properties over generated lists of results: a few names, events and years, so repeats are common.
using Approvals.Workflows.Rewards;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Approvals.Workflows.Tests.Rewards;

public sealed class RewardCalculatorProperties
{
    [Property(Arbitrary = [typeof(RewardLists)], MaxTest = 300)]
    public bool Calculate_AnyList_TotalsNoMoreThanEachPersonsBestAwardPerEventAndYear(RewardList list)
    {
        var result = RewardCalculator.Calculate(list.Entries, RewardTable.Default);

        var maxima = list.Entries
            .SelectMany(e => e.Instructors.Append(e.Person).Distinct().Select(p => (Person: p, e.Event, e.Year, Best: TableAmount(e))))
            .GroupBy(c => (c.Person, c.Event, c.Year))
            .Select(g => (g.Key.Person, Best: g.Max(c => c.Best)))
            .ToList();
        return result.Total <= maxima.Sum(m => m.Best)
               && result.ByPerson.All(p => p.Value <= maxima.Where(m => m.Person == p.Key).Sum(m => m.Best));
    }

    [Property(Arbitrary = [typeof(RewardLists)], MaxTest = 300)]
    public bool Calculate_AnyOrderOfTheSameEntries_GivesTheSameResult(RewardList list)
    {
        var inOrder = RewardCalculator.Calculate(list.Entries, RewardTable.Default);
        var shuffled = RewardCalculator.Calculate(list.Shuffled, RewardTable.Default);

        return inOrder.Lines.SequenceEqual(shuffled.Lines) && inOrder.Total == shuffled.Total;
    }

    [Property(Arbitrary = [typeof(RewardLists)], MaxTest = 300)]
    public bool Calculate_AnyList_PaysEachPersonAtMostOncePerEventAndYear(RewardList list) =>
        RewardCalculator.Calculate(list.Entries, RewardTable.Default).Lines
            .Where(l => l.Amount > 0).GroupBy(l => (l.Person, l.Event, l.Year)).All(g => g.Count() == 1);

    private static decimal TableAmount(CompetitionEntry entry) =>
        RewardTable.Default.Amounts.TryGetValue(entry.Level, out var ranks) ? ranks.GetValueOrDefault(entry.Rank) : 0;
}

public sealed record RewardList(CompetitionEntry[] Entries, CompetitionEntry[] Shuffled)
{
    public override string ToString() => string.Join("; ", Entries.Select(e => e.ToString()));
}

public static class RewardLists
{
    public static Arbitrary<RewardList> Lists()
    {
        var entry =
            from person in Gen.Elements("张三", "李四", "王五", "陈老师")
            from role in Gen.Elements("学生", "教师")
            from @event in Gen.Elements("数控车", "焊接", "电工")
            from level in Gen.Elements("全国", "全省", "全市", "全区")
            from rank in Gen.Choose(1, 5)
            from organiser in Gen.Elements("教育行政部门", "人社部门", "国际行业组织", "行业协会", "学会")
            from year in Gen.Choose(2023, 2024)
            from instructors in Gen.SubListOf("陈老师", "刘老师", "张三")
            select new CompetitionEntry(person, role, @event, level, rank, organiser, year, instructors.ToArray());
        return (from entries in Gen.ArrayOf(entry)
                from shuffled in Gen.Shuffle(entries)
                select new RewardList(entries, shuffled)).ToArbitrary();
    }
}
