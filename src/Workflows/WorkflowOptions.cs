// Settings of the engine that an installation may change; the host registers its own before AddWorkflows.
namespace Approvals.Workflows;

public sealed class WorkflowOptions
{
    /// <summary>Working days before a task's deadline that its assignee is reminded, when the step does not say; 0 turns reminders off.</summary>
    public int ReminderWorkingDays { get; set; } = 2;
}
