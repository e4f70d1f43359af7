// The ranking of a selection batch as the ranking step writes it into the case's variable "selection": one entry
// per application, with its rank, school, city, score and whether it was selected. The list export and the notice
// text both read it here.
using System.Globalization;
using System.Text.Json.Nodes;
using static Approvals.Host.Features.Exports.VariableValues;

namespace Approvals.Host.Features.Exports;

internal sealed record SelectionEntry(
    int Rank, string CaseId, string OrgId, string OrgName, string CityId, string CityName, string Title, decimal? Score, bool Selected, string? Note)
{
    /// <summary>"88.5", or "—" for an application that was not scored.</summary>
    public string ScoreText => Score is { } score ? score.ToString("0.##", CultureInfo.InvariantCulture) : "—";

    public string SelectedText => Selected ? "入选" : "未入选";
}

/// <summary>A city's share of the batch: its applications and how many were selected.</summary>
internal sealed record CitySelection(string CityName, int Applications, int Selected);

internal sealed record SelectionResult(IReadOnlyList<SelectionEntry> Entries)
{
    public const string Variable = "selection";

    public IReadOnlyList<SelectionEntry> Selected => [.. Entries.Where(e => e.Selected)];

    /// <summary>Per city in the order cities first appear in the ranking.</summary>
    public IReadOnlyList<CitySelection> ByCity =>
    [
        .. Entries.GroupBy(e => e.CityName, StringComparer.Ordinal)
            .Select(g => new CitySelection(g.Key, g.Count(), g.Count(e => e.Selected))),
    ];

    /// <summary>The variable's entries by rank; null when the case has no ranking (not a batch, or not ranked yet).</summary>
    public static SelectionResult? Read(JsonObject variables)
    {
        if (variables[Variable] is not JsonArray entries)
        {
            return null;
        }

        return new SelectionResult([
            .. entries.OfType<JsonObject>().Select(e => new SelectionEntry(
                Whole(e["rank"]) ?? 0, Text(e["caseId"]), Text(e["orgId"]), Text(e["orgName"]), Text(e["cityId"]), Text(e["cityName"]),
                Text(e["title"]), Number(e["score"]), Flag(e["selected"]), OptionalText(e["note"])))
                .OrderBy(e => e.Rank),
        ]);
    }
}
