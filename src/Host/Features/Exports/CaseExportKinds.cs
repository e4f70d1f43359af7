// Which exports a case has data for, so its page offers only those: the reward table once rewards are calculated,
// the selection list and the notice texts once a batch is ranked.
using System.Text.Json.Nodes;

namespace Approvals.Host.Features.Exports;

public static class CaseExportKinds
{
    public const string Rewards = "rewards";
    public const string Selection = "selection";
    public const string Notice = "notice";

    public static IReadOnlyList<string> Of(JsonObject variables)
    {
        var kinds = new List<string>();
        if (RewardSheet.Read(variables) is not null)
        {
            kinds.Add(Rewards);
        }

        if (SelectionResult.Read(variables) is not null)
        {
            kinds.AddRange([Selection, Notice]);
        }

        return kinds;
    }
}
