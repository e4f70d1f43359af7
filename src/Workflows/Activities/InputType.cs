namespace Approvals.Workflows.Activities;

/// <summary>What an input holds; the designer picks an editor by it.</summary>
public enum InputType
{
    Text,
    Number,
    Boolean,
    /// <summary>JavaScript evaluated in the sandbox against vars and form.</summary>
    Expression,
    /// <summary>One of <see cref="InputAttribute.Options"/>.</summary>
    Select,
    /// <summary>A person: {"role": "...", "org": "initiator.parent"} or {"user": "..."}.</summary>
    Assignee,
    AssigneeList,
    StringList,
    DateTime,
    /// <summary>The id of another node of the same definition.</summary>
    NodeRef,
    /// <summary>A list of {"outcome": "...", "condition": "..."}.</summary>
    Cases,
    Json,
    /// <summary>Per field of the start form: "editable", "readonly" or "hidden" (see FieldAccess).</summary>
    FieldAccess,
}
