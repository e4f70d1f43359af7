// The activity catalogue the designer builds its palette and property panels from, so it needs no code per activity.
using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Host.Requests;
using Approvals.Workflows.Activities;
using Mediator;

namespace Approvals.Host.Features.Definitions;

public sealed record GetCatalogue : IApiQuery;

/// <summary>Type is the input's kind in camelCase ("assigneeList"), Editor the control the designer shows for it.</summary>
public sealed record CatalogueInput(
    string Name, string DisplayName, string Type, bool Required, JsonNode? Default, string Editor, string? Description, IReadOnlyList<string>? Options);

public sealed record CatalogueOutcome(string Name, string DisplayName);

/// <summary>Blocking: the activity waits (a person, a timer, a child case); a loop must pass through one.</summary>
public sealed record CatalogueEntry(
    string Kind, string DisplayName, string Category, string? Description, bool Blocking,
    IReadOnlyList<CatalogueInput> Inputs, IReadOnlyList<CatalogueOutcome> Outcomes);

internal sealed class GetCatalogueHandler(ActivityRegistry activities) : IQueryHandler<GetCatalogue, IResult>
{
    public ValueTask<IResult> Handle(GetCatalogue query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Results.Ok(activities.Catalogue.OrderBy(a => ActivityCategories.Rank(a.Category)).Select(Describe).ToList()));

    private static CatalogueEntry Describe(ActivityDescriptor activity) => new(
        activity.Kind, activity.DisplayName, activity.Category, activity.Description, activity.Blocking,
        [.. activity.Inputs.Select(i => new CatalogueInput(
            i.Name, i.DisplayName, JsonNamingPolicy.CamelCase.ConvertName(i.Type.ToString()), i.Required, i.Default,
            i.Editor, i.Description, i.Options))],
        [.. activity.Outcomes.Select(o => new CatalogueOutcome(o.Name, o.DisplayName))]);
}
