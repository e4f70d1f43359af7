namespace Approvals.Workflows.Activities;

/// <summary>The palette groups of the designer.</summary>
public static class ActivityCategories
{
    public const string Basic = "基础";
    public const string Human = "人工环节";
    public const string Flow = "流程控制";
    public const string Time = "时间";
    public const string Data = "数据";

    /// <summary>Calculations of one business process, such as competition rewards.</summary>
    public const string Domain = "业务";
}
