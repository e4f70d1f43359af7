// The base of every activity: a stateless class that executes a node and, if it waits, resumes it.
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

public abstract class Activity
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    protected Activity() => Descriptor = ActivityDescriptor.Describe(GetType());

    public ActivityDescriptor Descriptor { get; }

    public abstract ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>Called when one of the bookmarks this node created is resumed; the bookmark is consumed.</summary>
    public virtual ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption) =>
        throw new InvalidOperationException($"“{Descriptor.DisplayName}”不等待任何事项，不能被恢复。");

    /// <summary>The outcomes a node of this kind can produce; dynamic for Switch and Fork.</summary>
    public virtual IReadOnlyList<string> OutcomesOf(NodeDefinition node) =>
        Descriptor.Outcomes.Select(o => o.Name).ToArray();

    /// <summary>
    /// Checks what a person submits on one of this node's tasks before anything is written; field errors refuse the
    /// decision as invalid. The state is a copy of the node's own.
    /// </summary>
    public virtual IReadOnlyDictionary<string, string[]> CheckSubmission(TaskSubmission submission) => NoErrors;

    /// <summary>
    /// Rules this node holds the applicant's whole form to beyond its schema (a domain rule across fields), checked with
    /// the schema whenever the form is submitted or changed; field errors by form field name.
    /// </summary>
    public virtual IReadOnlyDictionary<string, string[]> CheckForm(NodeDefinition node, JsonObject form) => NoErrors;

    /// <summary>
    /// As <see cref="CheckSubmission"/>, for a check that reads beyond the node's own state (the places a city has
    /// already used in its batch); the context is the node's, in the transaction that applies the decision.
    /// </summary>
    public virtual ValueTask<IReadOnlyDictionary<string, string[]>> CheckSubmissionAsync(ActivityContext context, TaskSubmission submission) =>
        ValueTask.FromResult(CheckSubmission(submission));

    /// <summary>
    /// Checks a signal brought to one of this node's bookmarks from outside any task (a school's application to a
    /// batch's window) before anything is written; field errors refuse it. A node that takes no signals refuses all.
    /// </summary>
    public virtual ValueTask<IReadOnlyDictionary<string, string[]>> CheckSignalAsync(ActivityContext context, Resumption signal) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, string[]>>(
            new Dictionary<string, string[]> { ["kind"] = [$"“{Descriptor.DisplayName}”不接受“{signal.Kind}”。"] });

    /// <summary>Whether the data submitted on a task of this kind changes the applicant's form (and is checked against it).</summary>
    public virtual bool SubmitsFormData(string taskKind) => true;

    /// <summary>Checks beyond the declared inputs; each problem names the node.</summary>
    public virtual IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition) => [];

    /// <summary>
    /// The Chinese name of one of a node's outcomes: the one the definition gives it (the node's input "outcomeNames",
    /// for outcomes the definition itself chooses), else the one this activity declares, else null.
    /// </summary>
    public string? OutcomeName(NodeDefinition node, string outcome) =>
        (node.Inputs[OutcomeNames.Input] as JsonObject)?[outcome] is JsonValue named && named.TryGetValue<string>(out var name)
        && !string.IsNullOrWhiteSpace(name)
            ? name.Trim()
            : Descriptor.Outcomes.FirstOrDefault(o => o.Name == outcome)?.DisplayName;
}

