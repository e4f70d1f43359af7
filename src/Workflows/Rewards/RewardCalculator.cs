// Seed 002 §(七) as a calculation: who is paid what for a list of competition results, and why.
using System.Globalization;
using System.Text.Json.Nodes;

namespace Approvals.Workflows.Rewards;

/// <summary>One result of the school's list: a student or teacher placed in an event, with the instructors named for it.</summary>
public sealed record CompetitionEntry(
    string Person, string Role, string Event, string Level, int Rank, string Organiser, int Year, IReadOnlyList<string> Instructors)
{
    public const string Student = "学生";
    public const string Teacher = "教师";
    public const string Instructor = "指导教师";

    /// <summary>A row of the form's table: name, role, event, level, rank, organiser, year, instructors ("张老师，李老师").</summary>
    public static CompetitionEntry FromRow(JsonNode? node, int index)
    {
        var row = node as JsonObject ?? throw new InvalidOperationException($"获奖名单第 {index + 1} 行格式不正确。");
        return new CompetitionEntry(
            Text(row, "name", index), Text(row, "role", index), Text(row, "event", index), Text(row, "level", index),
            Whole(row, "rank", index), Text(row, "organiser", index), Whole(row, "year", index),
            (row["instructors"]?.ToString() ?? "").Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal).ToArray());
    }

    private static string Text(JsonObject row, string column, int index) =>
        row[column] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s)
            ? s.Trim()
            : throw new InvalidOperationException($"获奖名单第 {index + 1} 行缺少“{column}”。");

    private static int Whole(JsonObject row, string column, int index) =>
        RewardTable.Number(row[column]) is { } d && d == decimal.Floor(d) && d is >= 0 and <= int.MaxValue
            ? (int)d
            : throw new InvalidOperationException($"获奖名单第 {index + 1} 行的“{column}”应为整数。");
}

/// <summary>What one person is paid for one result; an amount of 0 carries the reason in <see cref="Excluded"/>.</summary>
public sealed record RewardLine(
    string Person, string Role, string Event, string Level, int Rank, string Organiser, int Year, decimal Amount, string Rule, string? Excluded)
{
    public JsonObject ToJson() => new()
    {
        ["person"] = Person, ["role"] = Role, ["event"] = Event, ["level"] = Level, ["rank"] = Rank, ["organiser"] = Organiser,
        ["year"] = Year, ["amount"] = Amount, ["rule"] = Rule, ["excluded"] = Excluded,
    };
}

public sealed record RewardResult(IReadOnlyList<RewardLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Amount);

    public IReadOnlyDictionary<string, decimal> ByPerson =>
        Lines.GroupBy(l => l.Person, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount), StringComparer.Ordinal);

    public JsonObject ToJson()
    {
        var byPerson = new JsonObject();
        foreach (var (person, amount) in ByPerson.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            byPerson[person] = amount;
        }

        return new JsonObject
        {
            ["lines"] = new JsonArray([.. Lines.Select(l => (JsonNode)l.ToJson())]),
            ["totals"] = new JsonObject { ["overall"] = Total, ["byPerson"] = byPerson },
        };
    }
}

public static class RewardCalculator
{
    public static RewardResult Calculate(IEnumerable<CompetitionEntry> entries, RewardTable table)
    {
        var priced = entries.SelectMany(Claimants).Select(claim => Price(claim.Entry, claim.Person, claim.Role, table));
        var lines = new List<RewardLine>();
        foreach (var results in priced.GroupBy(l => (l.Person, l.Event, l.Year)))
        {
            // Paid once a year per person and event, for the highest award; ties broken by content, not by order of entry.
            var ordered = results.OrderByDescending(l => l.Amount).ThenBy(Key, StringComparer.Ordinal).ToList();
            var best = ordered[0];
            lines.Add(best);
            lines.AddRange(ordered.Skip(1).Select(l => l.Amount == 0 ? l : Repeated(l, best)));
        }

        return new RewardResult(lines.OrderBy(Key, StringComparer.Ordinal).ToArray());
    }

    public static string RankName(int rank) => rank switch
    {
        1 => "一等奖",
        2 => "二等奖",
        3 => "三等奖",
        _ => $"第 {rank} 等次",
    };

    private static IEnumerable<(CompetitionEntry Entry, string Person, string Role)> Claimants(CompetitionEntry entry) =>
        entry.Instructors.Where(i => i != entry.Person).Select(i => (entry, i, CompetitionEntry.Instructor))
            .Prepend((entry, entry.Person, entry.Role));

    private static RewardLine Price(CompetitionEntry entry, string person, string role, RewardTable table)
    {
        RewardLine Line(decimal amount, string rule, string? excluded) =>
            new(person, role, entry.Event, entry.Level, entry.Rank, entry.Organiser, entry.Year, amount, rule, excluded);

        var cell = entry.Level + RankName(entry.Rank);
        if (!table.Amounts.TryGetValue(entry.Level, out var ranks))
        {
            return Line(0, $"竞赛级别“{entry.Level}”不在奖励标准中，不予奖励", $"未知的竞赛级别“{entry.Level}”");
        }

        if (!ranks.TryGetValue(entry.Rank, out var amount))
        {
            // Below third prize is the seed's limit; a rank an adjusted table leaves out is that table's choice, said as such.
            return Line(0, $"{cell}不在奖励标准中，不予奖励", entry.Rank > 3 ? "未获三等奖及以上奖项" : $"奖励标准未设“{cell}”");
        }

        var rule = $"{cell} {Yuan(amount)} 元";
        if (role == CompetitionEntry.Instructor)
        {
            rule = $"指导教师按获奖学生标准：{rule}";
        }

        if (table.HalfOrganisers.Contains(entry.Organiser, StringComparer.Ordinal))
        {
            // Dividing by 1.000… drops the trailing zeros the multiplication leaves, so the output reads 10000, not 10000.0.
            var half = decimal.Round(amount * table.HalfFactor, 2, MidpointRounding.AwayFromZero) / 1.000000000000000000000000000000000m;
            return Line(half, $"{rule} × {entry.Organiser}举办减半（{Yuan(table.HalfFactor)}）= {Yuan(half)} 元", null);
        }

        return Line(amount, rule, null);
    }

    private static RewardLine Repeated(RewardLine line, RewardLine best) => line with
    {
        Amount = 0,
        Rule = $"{line.Rule}；同一年度同一赛项不重复奖励 = 0 元",
        Excluded = $"{line.Year} 年“{line.Event}”已按最高奖项（{best.Level}{RankName(best.Rank)}，{Yuan(best.Amount)} 元）奖励",
    };

    private static string Yuan(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Key(RewardLine l) =>
        string.Join('\u001f', l.Person, l.Event, l.Year.ToString("D4", CultureInfo.InvariantCulture), l.Role, l.Level,
            l.Rank.ToString("D10", CultureInfo.InvariantCulture), l.Organiser, l.Amount.ToString(CultureInfo.InvariantCulture), l.Rule, l.Excluded);
}
