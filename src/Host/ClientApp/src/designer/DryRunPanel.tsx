// 试运行 in the designer: sample data for the start form, optional variables, the outcome to take at each step that
// waits; the draft is saved, then walked on the server, and the route comes back with every expression's value.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Collapse, Empty, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { api, ApiError } from '../api';
import { FormFields } from '../forms/DynamicForm';
import { toPayload } from '../forms/schema';
import type { FormSchema } from '../types';
import type { CatalogueEntry, DraftView, DryRunView, ProcessEdge, PublishedView } from '../processes/types';
import { vocabularyOf } from '../processes/vocabulary';
import { chosenByNames, choicesPayload, choosableSteps, parseVariables, routeNodeIds, sampleFields, valueText } from './dryRun';
import './dryRun.css';

export interface DryRunPanelProps {
  definitionId: string;
  form: FormSchema | undefined;
  nodes: { id: string; name?: string; kind: string }[];
  /** The designer's save: false when it failed (and the designer has said why). */
  saveDraft: () => Promise<boolean>;
  /** The node ids the route passed, in order, for the canvas to highlight. */
  onRoute: (nodeIds: string[]) => void;
}

interface Failure {
  text: string;
  details: string[];
}

/** The edges as last saved (the draft, else the latest published version): the outcomes each step may leave by. */
async function savedEdges(definitionId: string): Promise<ProcessEdge[]> {
  const base = `/api/definitions/${encodeURIComponent(definitionId)}`;
  try {
    return (await api.get<DraftView>(`${base}/draft`)).definition.edges;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  try {
    return (await api.get<PublishedView>(base)).definition.edges;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return [];
    throw e;
  }
}

export function DryRunPanel({ definitionId, form, nodes, saveDraft, onRoute }: DryRunPanelProps) {
  const [sample] = Form.useForm<Record<string, unknown>>();
  const [edges, setEdges] = useState<ProcessEdge[]>([]);
  const [catalogue, setCatalogue] = useState<CatalogueEntry[]>([]);
  const [choices, setChoices] = useState<Record<string, string | undefined>>({});
  const [variablesText, setVariablesText] = useState('');
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<DryRunView | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const refreshEdges = useCallback(
    () => savedEdges(definitionId).then(setEdges, () => setEdges([])),
    [definitionId],
  );

  useEffect(() => {
    void refreshEdges();
    api.get<CatalogueEntry[]>('/api/definitions/catalogue').then(setCatalogue, () => setCatalogue([]));
  }, [refreshEdges]);

  const fields = useMemo(() => sampleFields(form), [form]);
  const steps = useMemo(() => choosableSteps(nodes, edges), [nodes, edges]);
  const words = useMemo(() => vocabularyOf(catalogue), [catalogue]);
  const kindOf = useMemo(() => new Map(nodes.map((n) => [n.id, n.kind])), [nodes]);

  const run = async () => {
    setFailure(null);
    const variables = parseVariables(variablesText);
    if ('error' in variables) {
      setResult(null);
      onRoute([]);
      setFailure({ text: variables.error, details: [] });
      return;
    }
    setRunning(true);
    try {
      if (!(await saveDraft())) return;
      const view = await api.post<DryRunView>(`/api/definitions/${encodeURIComponent(definitionId)}/dry-run`, {
        // With no fields the sample form is not rendered, and so has nothing to give.
        form: fields.length === 0 ? {} : toPayload(fields, sample.getFieldsValue(true)),
        variables: variables.variables,
        choices: choicesPayload(choices),
      });
      setResult(view);
      onRoute(routeNodeIds(view.result.route));
      void refreshEdges();
    } catch (e) {
      setResult(null);
      onRoute([]);
      setFailure(
        e instanceof ApiError
          ? { text: e.message, details: Object.values(e.fieldErrors).flat().filter((line) => line !== e.message) }
          : { text: '试运行失败，请稍后重试。', details: [] },
      );
    } finally {
      setRunning(false);
    }
  };

  const endName = result?.result.endNode ? (nodes.find((n) => n.id === result.result.endNode)?.name ?? result.result.endNode) : null;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        先保存草稿，再按下面的样例走一遍流程：不创建案件、不发待办，只看会走哪条路线以及每个条件的计算结果。
      </Typography.Text>
      <Collapse
        defaultActiveKey={['form', 'choices']}
        items={[
          {
            key: 'form',
            label: '样例申请表',
            children:
              fields.length === 0 ? (
                <Typography.Text type="secondary">开始节点的申请表还没有字段。</Typography.Text>
              ) : (
                <Form form={sample} layout="vertical" size="small">
                  <FormFields fields={fields} />
                </Form>
              ),
          },
          {
            key: 'choices',
            label: '各环节的办理结果',
            children:
              steps.length === 0 ? (
                <Typography.Text type="secondary">没有需要选择结果的环节（保存后按连线列出）。</Typography.Text>
              ) : (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {steps.map((step) => (
                    <Space key={step.nodeId} wrap>
                      <span style={{ display: 'inline-block', minWidth: 120 }}>{step.name}</span>
                      <Select
                        aria-label={`${step.name}的办理结果`}
                        style={{ width: 200 }}
                        allowClear
                        placeholder="默认：第一个结果"
                        value={choices[step.nodeId]}
                        onChange={(value?: string) => setChoices((current) => ({ ...current, [step.nodeId]: value }))}
                        options={step.outcomes.map((o) => ({ value: o, label: words.outcomeName(kindOf.get(step.nodeId) ?? '', o) }))}
                      />
                    </Space>
                  ))}
                </Space>
              ),
          },
          {
            key: 'variables',
            label: '流程变量（可选）',
            children: (
              <Input.TextArea
                aria-label="流程变量 JSON"
                rows={3}
                value={variablesText}
                onChange={(e) => setVariablesText(e.target.value)}
                placeholder='JSON 对象，如 {"score": 80}；不填则取各变量的默认值'
              />
            ),
          },
        ]}
      />
      <Button type="primary" data-testid="dryrun-run" loading={running} onClick={() => void run()}>
        试运行
      </Button>
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure.text}
          description={failure.details.length > 0 ? <ul className="dryrun-list">{failure.details.map((d) => <li key={d}>{d}</li>)}</ul> : undefined}
        />
      )}
      {result && (
        <div data-testid="dryrun-route">
          <Space wrap style={{ marginBottom: 8 }}>
            {result.result.finished ? <Tag color="green">已到达结束节点：{endName}</Tag> : <Tag color="red">未到达结束节点</Tag>}
            <Typography.Text type="secondary">
              {result.source === 'draft' ? '试运行的是已保存的草稿' : `试运行的是第 ${result.version} 版（已发布）`}
            </Typography.Text>
          </Space>
          {result.result.route.length === 0 ? (
            <Empty description="没有走到任何环节：请检查是否有开始节点" />
          ) : (
            <ol className="dryrun-list">
              {result.result.route.map((step, index) => (
                <li key={`${index}:${step.nodeId}`} data-node-id={step.nodeId}>
                  <Typography.Text strong>{step.nodeName || step.nodeId}</Typography.Text>
                  {step.kind !== '' && <Typography.Text type="secondary">（{words.kindName(step.kind)}）</Typography.Text>}
                  {step.outcomeName && <> → {step.outcomeName}</>}
                  <Typography.Text type="secondary">　{chosenByNames[step.chosenBy]}</Typography.Text>
                  {step.evaluations.map((ev, i) => (
                    <div key={i} className="dryrun-evaluation">
                      {ev.expression}
                      {ev.error === null ? <> = {valueText(ev.result)}</> : <Typography.Text type="danger">：计算出错，{ev.error}</Typography.Text>}
                    </div>
                  ))}
                  {step.problem && <div><Typography.Text type="danger">{step.problem}</Typography.Text></div>}
                </li>
              ))}
            </ol>
          )}
          <Typography.Text strong>最终的流程变量</Typography.Text>
          <pre className="dryrun-variables">{JSON.stringify(result.result.variables, null, 2)}</pre>
        </div>
      )}
    </Space>
  );
}
