// 案件详情: the form, the current steps with what the caller may do on them, the process diagram, the reward
// calculation and the exports the case has data for, and the timeline from the journal.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Result, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useParams } from 'react-router';
import { api, ApiError, errorPath } from '../api';
import CaseExportLinks from '../cases/CaseExportLinks';
import RewardDetails from '../cases/RewardDetails';
import { timelineItems } from '../cases/timeline';
import { FormFields, FormView } from '../forms/DynamicForm';
import { startFormOf, toFormValues, toPayload } from '../forms/schema';
import type { CaseView, DefinitionView, FormField, TaskRow } from '../types';
import { deadline } from '../worklist/state';
import NotFound from './NotFound';

const verdicts = ['符合', '基本符合', '不符合'];

/** The diagram and its layout engine load only when a case page asks for them. */
const CaseDiagramView = lazy(() => import('../diagram/CaseDiagramView'));

/** A rule that always passes: validating on change clears an error the server or a button set on the field. */
const clearErrorOnChange = [{ validator: () => Promise.resolve() }];

const time = (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm');

function checklistOf(definition: DefinitionView | null, nodeId: string | null): string[] {
  const node = definition?.definition.nodes.find((n) => n.id === nodeId);
  const items = node?.inputs?.['checklist'];
  return Array.isArray(items) ? items.filter((i): i is string => typeof i === 'string') : [];
}

/** Shows the server's field errors on the forms they belong to; what no field takes is returned as text. */
function showFieldErrors(error: ApiError, action: FormInstance, data: FormInstance | null): string | null {
  const rest: string[] = [];
  for (const [key, messages] of Object.entries(error.fieldErrors)) {
    const path = errorPath(key);
    if (/^data\./i.test(key) && path[0] === 'checklist') {
      action.setFields([{ name: (path.length > 1 ? ['checklist', path[1], 'verdict'] : ['checklist']) as never, errors: messages }]);
    } else if (/^data\./i.test(key) && data) {
      data.setFields([{ name: path as never, errors: messages }]);
    } else if (key.toLowerCase() === 'comment') {
      action.setFields([{ name: 'comment', errors: messages }]);
    } else {
      rest.push(...messages);
    }
  }
  return rest.length > 0 ? rest.join(' ') : Object.keys(error.fieldErrors).length > 0 ? null : error.message;
}

interface StepProps {
  step: TaskRow;
  view: CaseView;
  definition: DefinitionView | null;
  fields: FormField[];
  onDone: () => void;
}

function StepActions({ step, view, definition, fields, onDone }: StepProps) {
  const { message } = App.useApp();
  const [action] = Form.useForm();
  const [data] = Form.useForm();
  const [busy, setBusy] = useState<string | null>(null);
  const checklist = step.kind === 'evaluation' ? checklistOf(definition, step.nodeId) : [];
  const resubmit = step.outcomes.includes('resubmit');
  // 字段权限: a step that makes fields editable lets its person change them while deciding; a resubmission revises all.
  const access = step.nodeId ? view.fieldAccess[step.nodeId] : undefined;
  const editable = resubmit ? fields : step.kind === 'evaluation' ? [] : fields.filter((f) => access?.[f.name] === 'editable');
  const nameOf = (outcome: string) => step.outcomeNames[outcome] ?? outcome;

  const decide = async (outcome: string) => {
    const needsReason = outcome === 'reject' || outcome === 'return';
    const values = await action.validateFields().catch(() => null);
    if (values === null) return;
    const comment: string | undefined = values.comment?.trim() || undefined;
    if (needsReason && !comment) {
      action.setFields([{ name: 'comment', errors: [`${nameOf(outcome)}时请填写理由`] }]);
      return;
    }
    const body: Record<string, unknown> = { comment };
    if (checklist.length > 0) {
      const rows = (values.checklist ?? []) as { verdict?: string; note?: string }[];
      if (outcome === 'approve' && checklist.some((_, i) => !rows[i]?.verdict)) {
        action.setFields(checklist.map((item, i) => ({ name: ['checklist', i, 'verdict'] as never, errors: rows[i]?.verdict ? [] : [`请对“${item}”给出评估结论`] })));
        return;
      }
      const given = checklist.map((item, i) => ({ item, verdict: rows[i]?.verdict, note: rows[i]?.note?.trim() || undefined })).filter((r) => r.verdict);
      if (given.length > 0) body['data'] = { checklist: given };
    }
    if (editable.length > 0) {
      const formValues = await data.validateFields().catch(() => null);
      if (formValues === null) return;
      body['data'] = toPayload(editable, formValues);
    }
    const url = ['approve', 'reject', 'return', 'resubmit'].includes(outcome) ? `/api/tasks/${step.taskId}/${outcome}` : `/api/tasks/${step.taskId}/complete`;
    if (url.endsWith('/complete')) body['outcome'] = outcome;
    setBusy(outcome);
    try {
      await api.post(url, body);
      message.success(`已${nameOf(outcome)}`);
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        const text = showFieldErrors(e, action, editable.length > 0 ? data : null);
        if (text) message.error(text);
      } else {
        message.error('办理失败');
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={`办理：${step.title ?? '当前环节'}`} className="step-actions" data-testid="step-actions">
      {editable.length > 0 && (
        <Form form={data} layout="horizontal" labelCol={{ flex: '160px' }} labelWrap initialValues={toFormValues(editable, view.form)}>
          <Typography.Paragraph type="secondary">
            {resubmit ? '请按退回意见修改申请内容后重新提交。' : '本环节可修改以下内容，随办理结果一并提交。'}
          </Typography.Paragraph>
          <FormFields fields={editable} attachments={view.attachments} />
        </Form>
      )}
      <Form form={action} layout="vertical">
        {checklist.length > 0 && (
          <Form.Item label="逐项评估" required>
            <Table
              size="small"
              pagination={false}
              rowKey={(item) => item}
              dataSource={checklist}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: '评估项目', key: 'item', render: (item: string) => item },
                {
                  title: '结论',
                  key: 'verdict',
                  render: (item: string, _row, i) => (
                    <Form.Item name={['checklist', i, 'verdict']} rules={clearErrorOnChange} style={{ margin: 0 }}>
                      <Radio.Group aria-label={`${item}的结论`} options={verdicts.map((v) => ({ value: v, label: v }))} />
                    </Form.Item>
                  ),
                },
                {
                  title: '说明',
                  key: 'note',
                  render: (_item: string, _row, i) => (
                    <Form.Item name={['checklist', i, 'note']} style={{ margin: 0 }}>
                      <Input placeholder="选填" />
                    </Form.Item>
                  ),
                },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="comment" label="办理意见" extra="不同意或退回修改时必须填写理由" rules={clearErrorOnChange}>
          <Input.TextArea rows={2} maxLength={2000} placeholder="请填写办理意见" />
        </Form.Item>
        <Space wrap>
          {step.outcomes.map((outcome) => (
            <Button
              key={outcome}
              type={outcome === 'approve' || outcome === 'resubmit' ? 'primary' : 'default'}
              danger={outcome === 'reject'}
              loading={busy === outcome}
              disabled={busy !== null && busy !== outcome}
              onClick={() => void decide(outcome)}
            >
              {nameOf(outcome)}
            </Button>
          ))}
        </Space>
      </Form>
    </Card>
  );
}

export default function CaseDetail() {
  const { caseId = '' } = useParams();
  const [view, setView] = useState<CaseView | null>(null);
  const [definition, setDefinition] = useState<DefinitionView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    try {
      const loaded = await api.get<CaseView>(`/api/cases/${encodeURIComponent(caseId)}`);
      // Both at once: the resubmission form takes its initial values from the schema when it first renders.
      const version = await api.get<DefinitionView>(`/api/definitions/${encodeURIComponent(loaded.definitionId)}?version=${loaded.definitionVersion}`);
      setDefinition(version);
      setView(loaded);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, { detail: '加载失败' }));
    }
  }, [caseId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (error) {
    return error.status === 404 || error.status === 400 ? <NotFound detail="案件不存在或您无权查看。" /> : <Result status="error" title="无法打开案件" subTitle={error.message} />;
  }
  if (!view) return <Skeleton active className="page" />;

  const fields = definition ? (startFormOf(definition.definition)?.fields ?? []) : [];
  const actionable = view.currentSteps.filter((s) => s.canAct && s.taskId);
  const waiting = view.currentSteps.filter((s) => !(s.canAct && s.taskId));

  return (
    <div className="page case-page">
      <Space align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{view.title}</Typography.Title>
        <Tag color={view.status === 'Finished' ? 'green' : view.status === 'Running' || view.status === 'Suspended' ? 'blue' : view.status === 'Faulted' ? 'red' : 'default'} data-testid="case-status">{view.statusName}</Tag>
      </Space>
      <Descriptions size="small" className="case-facts" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label="流程">{view.definitionName}（第 {view.definitionVersion} 版）</Descriptions.Item>
        <Descriptions.Item label="申请单位">{view.initiator.orgName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="申请人">{view.initiator.userName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="提交时间">{time(view.createdAt)}</Descriptions.Item>
      </Descriptions>
      {!view.journalIntact && (
        <Alert type="error" showIcon title="办理记录校验未通过，记录可能被篡改，请联系管理员。" description={view.journalProblem ?? undefined} />
      )}
      {actionable.map((step) => (
        <StepActions key={step.taskId} step={step} view={view} definition={definition} fields={fields} onDone={() => void load()} />
      ))}
      {waiting.length > 0 && (
        <Card size="small" title="当前环节">
          {waiting.map((step) => {
            const d = deadline(step);
            return (
              <p key={step.taskId ?? step.nodeId}>
                {step.title}：等待 {step.assigneeName ?? step.assigneeOrgName ?? step.assigneeRoleName ?? '办理人'} 办理，
                <Typography.Text type={d.overdue ? 'danger' : undefined}>{d.text}</Typography.Text>
              </p>
            );
          })}
        </Card>
      )}
      <Card size="small" title="流程图">
        <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} />}>
          <CaseDiagramView diagram={view.diagram} />
        </Suspense>
      </Card>
      {view.exports.includes('rewards') && <RewardDetails caseId={view.id} />}
      <CaseExportLinks caseId={view.id} kinds={view.exports} />
      <div className="case-columns">
        <Card size="small" title="申请内容" className="case-form">
          <FormView fields={fields.filter((f) => !view.hiddenFields.includes(f.name))} values={view.form ?? {}} attachments={view.attachments} />
        </Card>
        <Card size="small" title="办理记录" className="case-timeline">
          <Timeline
            items={timelineItems(view.timeline).map((item) => ({
              key: item.key,
              content: (
                <div>
                  <div>
                    <strong>{item.label}</strong>
                    {item.nodeName ? ` · ${item.nodeName}` : ''}
                    {item.outcomeName && <Tag style={{ marginInlineStart: 8 }}>{item.outcomeName}</Tag>}
                  </div>
                  <Typography.Text type="secondary">
                    {time(item.at)}
                    {item.actorName ? ` · ${item.actorName}` : ''}
                  </Typography.Text>
                  {item.comment && <div className="timeline-comment">意见：{item.comment}</div>}
                </div>
              ),
            }))}
          />
        </Card>
      </div>
    </div>
  );
}
