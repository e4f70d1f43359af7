using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("Start", "开始", ActivityCategories.Basic, Description = "流程的起点：申请人提交表单后从这里开始。")]
[Input("form", "申请表单", InputType.Text, Description = "定义中 forms 的标识，申请人发起时填写。", Default = "\"" + DefaultForm + "\"")]
[Outcome("done", "提交")]
public sealed class Start : Activity
{
    public const string DefaultForm = "start";

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Done("done"));

    /// <summary>A resubmission (after a withdrawal): the changed fields go into the form and the process runs again from here.</summary>
    public override ValueTask<ActivityResult> ResumeAsync(ActivityContext context, Resumption resumption)
    {
        HumanSteps.MergeSubmittedData(context, resumption);
        context.Journal("resubmitted", new JsonObject { ["comment"] = resumption.Payload["comment"]?.DeepClone() });
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }

    /// <summary>The applicant's form: the one the Start node's "form" input names; null when the definition has none.</summary>
    public static FormDefinition? FormOf(WorkflowDefinition definition)
    {
        var formId = definition.Nodes.FirstOrDefault(n => n.Kind == "Start")?.Inputs["form"] is JsonValue v && v.TryGetValue<string>(out var id)
            ? id
            : DefaultForm;
        return definition.Forms.FirstOrDefault(f => f.Id == formId);
    }
}
