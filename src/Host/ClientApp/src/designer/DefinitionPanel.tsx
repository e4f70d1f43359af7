// With no step selected: the process itself — its name, who may start it, its variables, its start form, and the
// problems that belong to no single step.
import { Alert, Button, Form, Input, Select, Space, Tabs } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FormDesigner } from './forms/FormDesigner';
import type { DefinitionJson, Problem, VariableJson } from './model';
import { formEditKey, replaceForm, startFormOf } from './model';
import type { FormSchema } from '../types';

interface Props {
  definition: DefinitionJson;
  roles: { code: string; name: string }[];
  problems: Problem[];
  /** The key names what changed, so typing into one field is one step to undo. */
  onChange: (definition: DefinitionJson, key?: string) => void;
}

const variableTypes = [
  { value: 'string', label: '文本' },
  { value: 'number', label: '数字' },
  { value: 'boolean', label: '是/否' },
  { value: 'object', label: '对象' },
  { value: 'array', label: '列表' },
];

export function DefinitionPanel({ definition, roles, problems, onChange }: Props) {
  const form: FormSchema = startFormOf(definition) ?? { id: 'start', title: '申请表', fields: [] };
  const variables = definition.variables ?? [];
  const setVariable = (index: number, change: Partial<VariableJson>) =>
    onChange({ ...definition, variables: variables.map((v, i) => (i === index ? { ...v, ...change } : v)) }, `variable:${index}:${Object.keys(change).join()}`);

  const basics = (
    <Form layout="vertical" size="small" className="designer-form">
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="definition-problems"
          title={`流程有 ${problems.length} 处问题`}
          description={
            <ul className="designer-problem-list">
              {problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form.Item label="流程名称" required htmlFor="definition-name">
        <Input
          id="definition-name"
          data-testid="definition-name"
          maxLength={100}
          value={definition.name}
          onChange={(e) => onChange({ ...definition, name: e.target.value }, 'definition:name')}
        />
      </Form.Item>
      <Form.Item label="说明" htmlFor="definition-description">
        <Input.TextArea
          id="definition-description"
          autoSize={{ minRows: 2, maxRows: 6 }}
          value={definition.description ?? ''}
          onChange={(e) => onChange({ ...definition, description: e.target.value || undefined }, 'definition:description')}
        />
      </Form.Item>
      <Form.Item label="可发起的角色" htmlFor="definition-start-roles" help="不选则任何登录用户都可发起">
        <Select
          id="definition-start-roles"
          data-testid="definition-start-roles"
          mode="multiple"
          allowClear
          placeholder="选择角色"
          value={definition.startRoles ?? []}
          onChange={(value: string[]) => onChange({ ...definition, startRoles: value.length > 0 ? value : undefined })}
          options={roles.map((r) => ({ value: r.code, label: r.name }))}
        />
      </Form.Item>
      <Form.Item label="流程变量">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {variables.map((v, i) => (
            <Space.Compact key={i} style={{ width: '100%' }}>
              <Input
                aria-label="变量名"
                placeholder="变量名"
                value={v.name}
                onChange={(e) => setVariable(i, { name: e.target.value })}
              />
              <Input aria-label="变量说明" placeholder="说明" value={v.label ?? ''} onChange={(e) => setVariable(i, { label: e.target.value })} />
              <Select
                aria-label="变量类型"
                style={{ width: 96 }}
                value={v.type ?? 'string'}
                onChange={(type: string) => setVariable(i, { type })}
                options={variableTypes}
              />
              <Button
                aria-label="删除变量"
                icon={<DeleteOutlined />}
                onClick={() => onChange({ ...definition, variables: variables.filter((_, j) => j !== i) })}
              />
            </Space.Compact>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onChange({ ...definition, variables: [...variables, { name: '', type: 'string' }] })}
          >
            添加变量
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );

  return (
    <Tabs
      className="designer-definition"
      size="small"
      items={[
        { key: 'basics', label: '流程属性', children: basics },
        {
          key: 'form',
          label: '申请表单',
          children: <FormDesigner form={form} onChange={(next) => onChange(replaceForm(definition, next), formEditKey(startFormOf(definition), next))} />,
        },
      ]}
    />
  );
}
