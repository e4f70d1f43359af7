using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.QualitySchools;
using Approvals.Workflows.Runtime;

namespace Approvals.Workflows.Activities;

[Activity("QualitySelfAssessment", "优质院校申报自评", ActivityCategories.Domain,
    Description = "按遴选指标核对学校的自评（就业率、职业培训规模、专题教育学时、一体化专业、培训基地、长期合作企业），"
                  + "并按长期合作企业开展的合作形式计算校企合作加分，结果写入流程变量。申请表须含字段 enrolment、employmentRate、"
                  + "trainingPerYear、labourEducationHours、integratedMajors、trainingBases 和合作企业表格 partners（列 name、years、forms）；"
                  + "没有长期合作企业的申请在提交时即被拒绝。")]
[Input("standards", "遴选标准", InputType.Json, Default = QualityStandards.DefaultJson,
    Description = "就业率、专题教育学时、一体化专业数、培训基地数的达标线，长期合作年限，每种合作形式加分和加分上限")]
[Input("variable", "结果变量", InputType.Text, Default = "\"selfAssessment\"", Editor = "variable",
    Description = "自评结果（各项指标、长期合作企业、校企合作加分 cooperation.bonus）写入的变量")]
[Outcome("done", "完成")]
public sealed class QualitySelfAssessment : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var standards = QualityStandards.Parse(context.Input("standards"));
        if (SelfAssessment.MissingLongTermPartner(context.Form, standards) is { } missing)
        {
            // The form is refused on submission, so only a form that bypassed that check (a changed standard) gets here.
            throw new InvalidOperationException(missing);
        }

        var result = SelfAssessment.Assess(context.Form, standards);
        context.SetVariable(context.Text("variable") ?? "selfAssessment", result.ToJson());
        return ValueTask.FromResult(ActivityResult.Done("done"));
    }

    public override IReadOnlyDictionary<string, string[]> CheckForm(NodeDefinition node, JsonObject form) =>
        SelfAssessment.MissingLongTermPartner(form, Standards(node)) is { } missing
            ? new Dictionary<string, string[]> { [SelfAssessment.Partners] = [missing] }
            : base.CheckForm(node, form);

    public override IEnumerable<DefinitionProblem> Validate(NodeDefinition node, WorkflowDefinition definition)
    {
        var problems = new List<string>();
        try
        {
            Standards(node);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
        }

        var fields = Start.FormOf(definition)?.Fields ?? [];
        foreach (var name in SelfAssessment.NumberFields)
        {
            if (fields.FirstOrDefault(f => f.Name == name) is not { Type: "number" })
            {
                problems.Add($"申请表缺少数字字段 {name}。");
            }
        }

        var partners = fields.FirstOrDefault(f => f.Name == SelfAssessment.Partners);
        if (partners is not { Type: "table" } || partners.Columns is not { } columns
            || columns.FirstOrDefault(c => c.Name == "name")?.Type is not ("text" or "select")
            || columns.FirstOrDefault(c => c.Name == "years")?.Type != "number"
            || columns.FirstOrDefault(c => c.Name == "forms")?.Type != "multiselect")
        {
            problems.Add($"申请表缺少合作企业表格 {SelfAssessment.Partners}（列 name 文字、years 数字、forms 多选）。");
        }

        return problems.Select(p => new DefinitionProblem(node.Id, "bad-self-assessment", $"“{node.DisplayName}”：{p}"));
    }

    /// <summary>The node's standards as written (an expression cannot be read before a case runs), else the default.</summary>
    private static QualityStandards Standards(NodeDefinition node) =>
        node.Inputs["standards"] is JsonObject literal && !(literal.Count == 1 && literal["expr"] is not null)
            ? QualityStandards.Parse(literal)
            : QualityStandards.Default;
}
