// What an activity sees and may do while it runs. Its changes are collected here and applied by the
// runtime only if the activity returns; an activity that throws leaves the instance as it was.
using System.Globalization;
using System.Text.Json.Nodes;
using Approvals.Workflows.Activities;
using Approvals.Workflows.Calendar;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Approvals.Workflows.Runtime;

public sealed class ActivityContext
{
    private readonly ExecutionSession session;
    private readonly LoadedInstance instance;
    private JsonObject? variables;
    private JsonObject? form;

    internal ActivityContext(ExecutionSession session, LoadedInstance instance, NodeDefinition node, Activity activity, WorkItem item)
    {
        this.session = session;
        this.instance = instance;
        Node = node;
        Activity = activity;
        Item = item;
        State = instance.NodeStates[node.Id] is JsonObject state ? (JsonObject)state.DeepClone() : [];
    }

    public NodeDefinition Node { get; }

    public Activity Activity { get; }

    public WorkflowDefinition Definition => instance.Definition;

    public InstanceId InstanceId => instance.Entity.Id;

    /// <summary>The case's title, as its lists show it.</summary>
    public string CaseTitle => instance.Entity.Title;

    public string? InitiatorUserId => instance.Entity.InitiatorUserId;

    public string? InitiatorOrgId => instance.Entity.InitiatorOrgId;

    /// <summary>The edge this node was reached by; null for the start node, a jump or a resume.</summary>
    public EdgeDefinition? IncomingEdge => Item.FromNode is null
        ? null
        : new EdgeDefinition { Source = Item.FromNode, Outcome = Item.FromOutcome ?? "", Target = Node.Id };

    /// <summary>This node's own state, kept while it waits and cleared when it completes.</summary>
    public JsonObject State { get; private set; }

    public DateTimeOffset Now => session.Now;

    public JsonObject Variables => variables ??= (JsonObject)instance.Variables.DeepClone();

    public JsonObject Form => form ??= (JsonObject)instance.Form.DeepClone();

    internal WorkItem Item { get; }

    internal bool VariablesChanged => variables is not null;

    internal bool FormChanged => form is not null;

    internal List<(string Kind, JsonObject Data)> JournalEntries { get; } = [];

    internal List<PendingBookmark> NewBookmarks { get; } = [];

    internal List<BookmarkId> Cancellations { get; } = [];

    internal List<PendingChild> Children { get; } = [];

    internal List<RegistryEntry> Registrations { get; } = [];

    internal HashSet<string> DequeuedNodes { get; } = new(StringComparer.Ordinal);

    public Task<WorkingDayCalendar> GetCalendarAsync() => session.GetCalendarAsync();

    /// <summary>The organisation above the given one, as the host's directory knows it.</summary>
    public ValueTask<string?> GetParentOrgAsync(string orgId) => session.Runtime.Organizations.GetParentAsync(orgId, session.CancellationToken);

    public ValueTask<IReadOnlyList<Expert>> GetExpertsAsync(string pool) => session.Runtime.Experts.GetExpertsAsync(pool, session.CancellationToken);

    /// <summary>An organisation's name, school type and city, as the host's directory knows them; null if unknown.</summary>
    public ValueTask<OrganizationProfile?> GetOrganizationAsync(string orgId) =>
        session.Runtime.Organizations.GetProfileAsync(orgId, session.CancellationToken);

    /// <summary>The latest published version of a process, such as the one a child case will run.</summary>
    public async Task<WorkflowDefinition> GetPublishedDefinitionAsync(string definitionId) =>
        (await session.FindPublishedAsync(definitionId)).Definition;

    /// <summary>Form data checked against a form, its reference-list options read now; errors by field name.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> CheckFormAsync(FormDefinition form, JsonObject data) =>
        FormValidator.Validate(await ReferenceData.ResolveOptionsAsync(session.Db, form, session.CancellationToken), data);

    /// <summary>The domain rules a process's nodes hold its applicant's form to, as its start would check them; errors by field name.</summary>
    public IReadOnlyDictionary<string, string[]> CheckFormRules(WorkflowDefinition definition, JsonObject data) =>
        session.Runtime.Activities.CheckFormRules(definition, data);

    /// <summary>
    /// The other child cases of this case's parent (the other applications of a batch). The parent is written back
    /// with this step, so two siblings counting the same free place at once conflict instead of both taking it.
    /// </summary>
    public async Task<IReadOnlyList<SiblingCase>> GetSiblingsAsync()
    {
        if (instance.Entity.ParentInstanceId is not { } parentId)
        {
            return [];
        }

        await session.LoadAsync(parentId);
        var self = InstanceId;
        var rows = await session.Db.Instances.AsNoTracking()
            .Where(i => i.ParentInstanceId == parentId && i.Id != self)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Title, i.Status, i.InitiatorOrgId, i.Variables })
            .ToListAsync(session.CancellationToken);
        return [.. rows.Select(r => new SiblingCase(r.Id, r.Title, r.Status, r.InitiatorOrgId, LoadedInstance.ParseObject(r.Variables)))];
    }

    /// <summary>The active entries of a reference list (the construction majors, say); empty if there is no such list.</summary>
    public Task<IReadOnlyList<ReferenceEntry>> GetReferenceListAsync(string listId) =>
        ReferenceData.GetListAsync(session.Db, listId, session.CancellationToken);

    /// <summary>The standing record of an organisation in a registry collection, or null.</summary>
    public Task<RegistryRecord?> FindRecordAsync(string collection, string orgId, string key) =>
        session.Db.Registry.FirstOrDefaultAsync(r => r.Collection == collection && r.OrgId == orgId && r.Key == key, session.CancellationToken);

    /// <summary>Adds or updates a registry record when the activity returns, saved with the step; answers the status it had.</summary>
    public async Task<string?> RegisterAsync(RegistryEntry entry)
    {
        var existing = await FindRecordAsync(entry.Collection, entry.OrgId, entry.Key);
        Registrations.Add(entry);
        return existing?.Status;
    }

    /// <summary>The one source of random draws, injectable so a draw can be replayed in a test.</summary>
    public IRandomSource Random => session.Runtime.Random;

    public bool HasVisited(string nodeId) => instance.Visited.Contains(nodeId);

    // ---- inputs ----

    /// <summary>The input's value: the literal, the default, or the value of {"expr": "…"}.</summary>
    public JsonNode? Input(string name)
    {
        if (Node.Inputs.TryGetPropertyValue(name, out var value) && value is not null)
        {
            return value is JsonObject o && o.Count == 1 && o["expr"] is JsonValue expr
                ? Evaluate(expr.GetValue<string>())
                : value.DeepClone();
        }

        return Activity.Descriptor.FindInput(name)?.Default?.DeepClone();
    }

    public string? Text(string name) => Input(name) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s,
        var other => other.ToJsonString(),
    };

    public double? Number(string name) => Input(name) switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"输入“{name}”应为数字，实际为“{s}”。"),
        null => null,
        var other => throw new InvalidOperationException($"输入“{name}”应为数字，实际为 {other.ToJsonString()}。"),
    };

    public bool Flag(string name) => Input(name) is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public IReadOnlyList<string> Strings(string name) => Input(name) switch
    {
        JsonArray a => a.Select(n => n?.ToString() ?? "").Where(s => s.Length > 0).ToArray(),
        JsonValue v when v.TryGetValue<string>(out var s) =>
            s.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => [],
    };

    /// <summary>Evaluates an expression-typed input (its text is JavaScript).</summary>
    public JsonNode? EvaluateInput(string name)
    {
        var text = Node.Inputs[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return text is null ? null : Evaluate(text);
    }

    public JsonNode? Evaluate(string expression) => session.Runtime.Expressions.Evaluate(expression, Scope());

    public bool Condition(string expression) => session.Runtime.Expressions.EvaluateCondition(expression, Scope());

    // ---- data ----

    public void SetVariable(string name, JsonNode? value)
    {
        var old = Variables[name]?.DeepClone();
        Variables[name] = value?.DeepClone();
        Journal("variable-changed", new JsonObject { ["name"] = name, ["old"] = old, ["new"] = value?.DeepClone() });
    }

    /// <summary>Merges changed form fields and journals each old and new value.</summary>
    public void MergeForm(JsonObject changes)
    {
        var journal = new JsonObject();
        foreach (var (field, value) in changes)
        {
            var old = Form[field];
            if (JsonNode.DeepEquals(old, value))
            {
                continue;
            }

            journal[field] = new JsonObject { ["old"] = old?.DeepClone(), ["new"] = value?.DeepClone() };
            Form[field] = value?.DeepClone();
        }

        if (journal.Count > 0)
        {
            Journal("form-changed", new JsonObject { ["fields"] = journal });
        }
    }

    public void Journal(string kind, JsonObject? data = null) => JournalEntries.Add((kind, data ?? []));

    // ---- waiting ----

    public BookmarkId CreateBookmark(string kind, JsonObject? data = null)
    {
        var pending = new PendingBookmark(BookmarkId.New(session.Clock), kind, data ?? [], null, null);
        NewBookmarks.Add(pending);
        return pending.Id;
    }

    public async ValueTask<BookmarkId> CreateHumanTaskAsync(HumanTaskRequest request)
    {
        var assignee = await session.ResolveAssigneeAsync(instance, request.Assignee);
        var data = request.Data ?? [];
        data["taskKind"] = request.Kind;
        var pending = new PendingBookmark(BookmarkId.New(session.Clock), "task", data, request with { Data = null }, assignee);
        NewBookmarks.Add(pending);
        return pending.Id;
    }

    public BookmarkId CreateTimer(DateTimeOffset dueAt, JsonObject? data = null)
    {
        var bookmarkData = data ?? [];
        bookmarkData["dueAt"] = dueAt.ToString("O", CultureInfo.InvariantCulture);
        var pending = new PendingBookmark(BookmarkId.New(session.Clock), "timer", bookmarkData, null, null) { DueAt = dueAt };
        NewBookmarks.Add(pending);
        return pending.Id;
    }

    /// <summary>Starts a child instance when this step is applied; its completion resumes the returned bookmark.</summary>
    public async ValueTask<StartedChild> StartChildAsync(
        string definitionId, JsonObject variables, JsonObject? form, int index, string? initiatorUserId = null, string? initiatorOrgId = null,
        string? title = null)
    {
        var published = await session.FindPublishedAsync(definitionId);
        var bookmark = CreateBookmark("child", new JsonObject { ["index"] = index, ["definitionId"] = definitionId });
        var child = new PendingChild(bookmark, published, variables, form, index, InstanceId.New(session.Clock))
        {
            InitiatorUserId = initiatorUserId ?? InitiatorUserId,
            InitiatorOrgId = initiatorOrgId ?? InitiatorOrgId,
            Title = title,
        };
        Children.Add(child);
        return new StartedChild(bookmark, child.Id);
    }

    /// <summary>Cancels every other open bookmark of this node (the remaining signers of a decided countersign).</summary>
    public void CancelOwnBookmarks() =>
        Cancellations.AddRange(instance.Bookmarks.Where(b => b.NodeId == Node.Id && b.Id.Value != Item.BookmarkId).Select(b => b.Id));

    /// <summary>Cancels one open bookmark of this node (a notice's timer while an objection is heard).</summary>
    public void CancelBookmark(BookmarkId bookmarkId)
    {
        if (instance.Bookmarks.Any(b => b.Id == bookmarkId && b.NodeId == Node.Id))
        {
            Cancellations.Add(bookmarkId);
        }
    }

    /// <summary>Stops the given nodes: their open bookmarks and their queued work (the other branches of a join on "any").</summary>
    public void CancelNodes(IEnumerable<string> nodeIds)
    {
        var set = nodeIds.ToHashSet(StringComparer.Ordinal);
        set.Remove(Node.Id);
        Cancellations.AddRange(instance.Bookmarks.Where(b => set.Contains(b.NodeId)).Select(b => b.Id));
        DequeuedNodes.UnionWith(set);
    }

    internal void ResetState() => State = [];

    private JsonObject Scope() => new()
    {
        ["vars"] = Variables.DeepClone(),
        ["form"] = Form.DeepClone(),
        ["instance"] = new JsonObject
        {
            ["id"] = InstanceId.ToString(),
            ["initiatorUserId"] = InitiatorUserId,
            ["initiatorOrgId"] = InitiatorOrgId,
        },
    };
}

/// <summary>A human task an activity asks for.</summary>
public sealed record HumanTaskRequest(string Kind, AssigneeSpec Assignee, IReadOnlyList<string> Outcomes)
{
    public string? Title { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Working days before DueAt to remind the assignee; null takes <see cref="WorkflowOptions.ReminderWorkingDays"/>, 0 none.</summary>
    public int? RemindBeforeWorkingDays { get; init; }

    public JsonObject? Data { get; init; }
}

internal sealed record PendingBookmark(BookmarkId Id, string Kind, JsonObject Data, HumanTaskRequest? Task, ResolvedAssignee? Assignee)
{
    public DateTimeOffset? DueAt { get; init; }
}

/// <summary>A child case asked for: the bookmark its end resumes and the id it will have.</summary>
public sealed record StartedChild(BookmarkId Bookmark, InstanceId ChildId);

internal sealed record PendingChild(BookmarkId Bookmark, PublishedDefinition Published, JsonObject Variables, JsonObject? Form, int Index, InstanceId Id)
{
    public string? InitiatorUserId { get; init; }

    public string? InitiatorOrgId { get; init; }

    /// <summary>The child's title; null names it after the parent and the step.</summary>
    public string? Title { get; init; }
}

/// <summary>Another child case of the same parent, as a sibling sees it.</summary>
public sealed record SiblingCase(InstanceId Id, string Title, InstanceStatus Status, string? InitiatorOrgId, JsonObject Variables);

/// <summary>What the Register activity records about an organisation: a major filed for a school, its warning, its withdrawal.</summary>
public sealed record RegistryEntry(string Collection, string OrgId, string Key, string Name, string Status, JsonObject Data);
