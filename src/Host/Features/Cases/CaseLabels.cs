// The Chinese words a person reads for the engine's states, outcomes and journal entries.
using Approvals.Workflows.Activities;
using Approvals.Workflows.Definitions;
using Approvals.Workflows.Persistence;

namespace Approvals.Host.Features.Cases;

public static class CaseLabels
{
    public static string Status(InstanceStatus status) => status switch
    {
        InstanceStatus.Running => "运行中",
        InstanceStatus.Suspended => "办理中",
        InstanceStatus.Finished => "已办结",
        InstanceStatus.Faulted => "故障待处理",
        InstanceStatus.Cancelled => "已撤销",
        _ => status.ToString(),
    };

    /// <summary>
    /// An outcome at a node as a person reads it: the name the definition or the node's activity gives it, else the
    /// shared word for it (a task's own outcomes, such as 重新提交 or 异议不成立), else the code itself.
    /// </summary>
    public static string Outcome(ActivityRegistry activities, NodeDefinition? node, string outcome) =>
        (node is null ? null : activities.Find(node.Kind)?.OutcomeName(node, outcome)) ?? Outcome(outcome);

    public static string Outcome(string? outcome) => outcome switch
    {
        "approve" => "同意",
        "reject" => "不同意",
        "return" => "退回修改",
        "resubmit" => "重新提交",
        "done" => "办结",
        "recommend" => "推荐",
        "decline" => "不推荐",
        "submit" => "提交",
        "upheld" => "异议成立",
        "dismissed" => "异议不成立",
        null => "",
        _ => outcome,
    };

    public static string Journal(string kind) => kind switch
    {
        "started" => "提交申请",
        "completed" => "环节完成",
        "task-created" => "生成待办",
        "decision" => "办理意见",
        "comment" => "发表意见",
        "form-changed" => "修改表单",
        "variable-changed" => "数据变更",
        "returned" => "退回修改",
        "resubmitted" => "重新提交",
        "checklist-evaluated" => "逐项评估",
        "withdrawn" => "申请人撤回",
        "timer-scheduled" => "设定期限",
        "timer-fired" => "期限到达",
        "task-reminded" => "到期提醒",
        "task-overdue" => "办理超时",
        "task-transferred" => "转办",
        "task-delegated" => "委派",
        "delegation-resolved" => "委派办理完毕",
        "signer-added" => "加签",
        "signer-opinion" => "加签意见",
        "task-urged" => "催办",
        "incident" => "流程故障",
        "retried" => "故障重试",
        "cancelled" => "撤销",
        "jumped" => "流转",
        "wait-cancelled" => "取消等待",
        "child-started" => "子流程启动",
        "child-finished" => "子流程办结",
        "child-cancelled" => "子流程撤销",
        "finished" => "办结",
        "window-opened" => "开始申报",
        "application-received" => "收到申报",
        "quota-exception-granted" => "特批申报名额",
        "window-closed" => "申报截止",
        "selection-ranked" => "排序遴选",
        "notice-started" => "开始公示",
        "notice-paused" => "公示暂停",
        "notice-resumed" => "恢复公示",
        "notice-ended" => "公示期满",
        "objection-raised" => "提出异议",
        "objection-upheld" => "异议成立",
        "objection-dismissed" => "异议不成立",
        "experts-drawn" => "抽取评审专家",
        "review-scored" => "专家评分",
        "review-aggregated" => "评审汇总",
        "countersign-decided" => "会签结果",
        "registered" => "登记入册",
        _ => kind,
    };
}
