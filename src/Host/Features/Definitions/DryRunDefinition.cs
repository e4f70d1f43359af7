// 试运行: an administrator walks a process — its saved draft, else its latest published version — with sample form
// data, variables and the outcome people would choose at chosen steps, and sees the route it would take with each
// expression's value. Nothing is written: no case, no journal, no task.
using System.Text.Json.Nodes;
using Approvals.Host.Persistence;
using Approvals.Host.Requests;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Approvals.Workflows.Runtime;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Host.Features.Definitions;

public sealed record DryRunDefinition(string Id, JsonObject? Form, JsonObject? Variables, Dictionary<string, string>? Choices) : IApiQuery;

public sealed record DryRunView(string Source, int? Version, DryRunResult Result);

internal sealed class DryRunDefinitionValidator : AbstractValidator<DryRunDefinition>
{
    public DryRunDefinitionValidator()
    {
        RuleFor(c => c.Id).DefinitionId();
        RuleFor(c => c.Choices).Must(c => c is null || c.Count <= 1000).WithMessage("样例中的办理结果不能超过 1000 项。");
    }
}

internal sealed class DryRunDefinitionHandler(
    ApprovalsDb appDb, WorkflowDatabase database, DefinitionStore definitions, DefinitionValidator validator, DryRunner runner)
    : IQueryHandler<DryRunDefinition, IResult>
{
    public async ValueTask<IResult> Handle(DryRunDefinition query, CancellationToken cancellationToken)
    {
        var draft = await appDb.DefinitionDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.DefinitionId == query.Id, cancellationToken);
        WorkflowDefinition definition;
        int? version = null;
        if (draft is not null)
        {
            definition = DefinitionJson.Parse(draft.Json);
        }
        else
        {
            await using var db = database.CreateContext();
            var published = await definitions.GetLatestAsync(db, query.Id, cancellationToken);
            if (published is null)
            {
                return ApiProblems.NotFound($"流程“{query.Id}”既没有草稿，也没有发布的版本。");
            }

            definition = published.Definition;
            version = definition.Version;
        }

        var problems = validator.Validate(definition);
        if (problems.Count > 0)
        {
            return ApiProblems.Validation(
                new Dictionary<string, string[]> { ["definition"] = [.. problems.Select(p => p.Message)] },
                "流程定义还有问题，改正后才能试运行。");
        }

        var result = runner.Run(new DryRunRequest(definition)
        {
            Form = query.Form ?? [],
            Variables = query.Variables ?? [],
            Choices = query.Choices ?? [],
        });
        return Results.Ok(new DryRunView(draft is null ? "published" : "draft", version, result));
    }
}
