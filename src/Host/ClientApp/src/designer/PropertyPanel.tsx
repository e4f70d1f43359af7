// 属性: the selected step's id, name and inputs (one editor per input the catalogue declares), where each outcome
// leads, and the validator's problems on it.
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { InputEditor } from './inputs/InputEditor';
import type { EditorContext } from './inputs/InputEditor';
import type { CatalogueEntry, DefinitionJson, NodeJson, Outcome, Problem } from './model';
import { nodeIdError } from './model';

interface Props {
  definition: DefinitionJson;
  node: NodeJson;
  entry: CatalogueEntry | undefined;
  outcomes: (Outcome & { stale?: boolean })[];
  problems: Problem[];
  context: EditorContext;
  onRename: (id: string) => void;
  onName: (name: string) => void;
  onInput: (input: string, value: unknown) => void;
  onConnect: (outcome: string, target: string | undefined) => void;
  onDelete: () => void;
}

export function PropertyPanel({ definition, node, entry, outcomes, problems, context, onRename, onName, onInput, onConnect, onDelete }: Props) {
  const [id, setId] = useState(node.id);
  const [name, setName] = useState(node.name ?? '');
  useEffect(() => {
    setId(node.id);
    setName(node.name ?? '');
  }, [node.id, node.name]);
  const idError = nodeIdError(definition, node.id, id.trim());
  const targets = definition.nodes.filter((n) => n.id !== node.id);

  return (
    <div className="designer-properties" data-testid="properties" aria-label="节点属性">
      <Space align="baseline" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {entry?.displayName ?? node.kind}
        </Typography.Title>
        <Popconfirm title="删除这个节点及其连线？" okText="删除" cancelText="取消" onConfirm={onDelete}>
          <Button size="small" danger icon={<DeleteOutlined />} data-testid="node-delete">
            删除节点
          </Button>
        </Popconfirm>
      </Space>
      {entry?.description && <Typography.Paragraph type="secondary">{entry.description}</Typography.Paragraph>}
      {!entry && <Alert type="error" showIcon title={`未知的组件类型“${node.kind}”。`} />}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="node-problems"
          title={`${problems.length} 处问题`}
          description={
            <ul className="designer-problem-list">
              {problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form layout="vertical" size="small" className="designer-form">
        <Form.Item label="节点名称" htmlFor="node-name">
          <Input
            id="node-name"
            data-testid="node-name"
            value={name}
            maxLength={50}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => name !== (node.name ?? '') && onName(name)}
            onPressEnter={() => name !== (node.name ?? '') && onName(name)}
          />
        </Form.Item>
        <Form.Item
          label="节点标识"
          htmlFor="node-id"
          validateStatus={idError ? 'error' : undefined}
          help={idError ?? '连线和流程记录用它指代本节点'}
        >
          <Input
            id="node-id"
            data-testid="node-id"
            value={id}
            onChange={(e) => setId(e.target.value)}
            onBlur={() => !idError && id.trim() !== node.id && onRename(id.trim())}
            onPressEnter={() => !idError && id.trim() !== node.id && onRename(id.trim())}
          />
        </Form.Item>
        {entry?.inputs.map((input) => (
          <Form.Item
            key={`${node.id}:${input.name}`}
            label={input.displayName}
            required={input.required}
            tooltip={input.description ?? undefined}
            htmlFor={`input-${input.name}`}
          >
            <InputEditor
              id={`input-${input.name}`}
              input={input}
              value={node.inputs?.[input.name]}
              onChange={(value) => onInput(input.name, value)}
              context={context}
            />
          </Form.Item>
        ))}
      </Form>
      {outcomes.length > 0 && (
        <section data-testid="outcomes">
          <Typography.Title level={5}>去向</Typography.Title>
          {outcomes.map((outcome) => {
            const edge = definition.edges.find((e) => e.source === node.id && e.outcome === outcome.name);
            return (
              <div key={outcome.name} className="designer-outcome-row">
                <span className="designer-outcome-name">
                  {outcome.displayName}
                  {outcome.stale && <Tag color="red">已无此结果</Tag>}
                </span>
                <Select
                  size="small"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="未连接"
                  aria-label={`“${outcome.displayName}”连接到`}
                  data-testid={`connect-${outcome.name}`}
                  style={{ flex: 1, minWidth: 0 }}
                  value={edge?.target}
                  onChange={(target: string | undefined) => onConnect(outcome.name, target)}
                  options={targets.map((n) => ({ value: n.id, label: n.name ? `${n.name}（${n.id}）` : n.id }))}
                />
              </div>
            );
          })}
        </section>
      )}
    </div>
  );
}
