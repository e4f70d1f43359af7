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

    private static readonly string[] InOrder = [Basic, Human, Flow, Time, Data, Domain];

    /// <summary>Where a palette shows the category: the common steps first, a process's own calculations last.</summary>
    public static int Rank(string category) => Array.IndexOf(InOrder, category) is var i and >= 0 ? i : InOrder.Length;
}
