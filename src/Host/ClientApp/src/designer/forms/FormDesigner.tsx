// 申请表设计: the start form's title and fields (added, removed, moved), each field's name, label, type and rules,
// and a table's columns, with every problem shown in Chinese beside what it concerns.
import { useMemo } from 'react';
import { Alert, Button, Checkbox, Input, InputNumber, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FieldKind } from '../../forms/schema';
import type { FormField, FormSchema } from '../../types';
import { useRemote } from '../inputs/remote';
import { moveItem, removeItem, replaceItem } from '../inputs/values';
import { fieldTypes, formProblems, hasLength, hasOptions, hasRange, newField, withProp, withType } from './formDesign';
import './forms.css';

interface FieldListProps {
  fields: FormField[];
  onChange: (fields: FormField[]) => void;
  /** Where this list sits: "fields", or "fields[2].columns" for a table's columns. */
  path: string;
  /** The data-testid prefix: "form-field", or "form-field-2-column" for a table's columns. */
  testId: string;
  problems: Record<string, string>;
  referenceLists: { value: string; label: string }[];
  nested?: boolean;
}

function Problem({ text }: { text: string | undefined }) {
  return text ? <Typography.Text type="danger" role="alert" className="form-designer-problem">{text}</Typography.Text> : null;
}

function FieldList({ fields, onChange, path, testId, problems, referenceLists, nested }: FieldListProps) {
  const noun = nested ? '列' : '字段';
  return (
    <Space orientation="vertical" size={10} className="form-designer-list">
      {fields.length === 0 && <Typography.Text type="secondary">还没有{noun}，请添加。</Typography.Text>}
      {fields.map((field, index) => {
        const at = `${path}[${index}]`;
        const tid = `${testId}-${index}`;
        const set = (next: FormField) => onChange(replaceItem(fields, index, next));
        const type = (field.type ?? 'text') as FieldKind;
        const typeChoices = nested ? fieldTypes.filter((t) => t.value !== 'table') : fieldTypes;
        return (
          <fieldset key={index} className="form-designer-field" aria-label={`第 ${index + 1} 个${noun}：${field.label || field.name}`}>
            <div className="form-designer-field-head">
              <Typography.Text strong>第 {index + 1} 个{noun}</Typography.Text>
              <Space size={2}>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`上移第 ${index + 1} 个${noun}`}
                  data-testid={`${tid}-up`} disabled={index === 0} onClick={() => onChange(moveItem(fields, index, index - 1))} />
                <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`下移第 ${index + 1} 个${noun}`}
                  data-testid={`${tid}-down`} disabled={index === fields.length - 1} onClick={() => onChange(moveItem(fields, index, index + 1))} />
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除第 ${index + 1} 个${noun}`}
                  data-testid={`${tid}-remove`} onClick={() => onChange(removeItem(fields, index))} />
              </Space>
            </div>
            <div className="form-designer-grid">
              <label>
                <span>标识</span>
                <Input data-testid={`${tid}-name`} aria-label={`第 ${index + 1} 个${noun}的标识`} placeholder="如 majorName"
                  status={problems[`${at}.name`] ? 'error' : undefined} value={field.name}
                  onChange={(e) => set({ ...field, name: e.target.value.trim() })} />
                <Problem text={problems[`${at}.name`]} />
              </label>
              <label>
                <span>名称</span>
                <Input data-testid={`${tid}-label`} aria-label={`第 ${index + 1} 个${noun}的名称`} placeholder="如 专业名称"
                  status={problems[`${at}.label`] ? 'error' : undefined} value={field.label}
                  onChange={(e) => set({ ...field, label: e.target.value })} />
                <Problem text={problems[`${at}.label`]} />
              </label>
              <label>
                <span>类型</span>
                <Select<FieldKind> data-testid={`${tid}-type`} aria-label={`第 ${index + 1} 个${noun}的类型`} value={type}
                  onChange={(t) => set(withType(field, t))} options={typeChoices} />
              </label>
              <div className="form-designer-check">
                <Checkbox data-testid={`${tid}-required`} aria-label={`第 ${index + 1} 个${noun}必填`} checked={Boolean(field.required)}
                  onChange={(e) => set(withProp(field, 'required', e.target.checked))}>必填</Checkbox>
              </div>
            </div>
            {hasOptions(type) && (
              <div className="form-designer-grid">
                <label className="form-designer-wide">
                  <span>选项</span>
                  <Select<string[]> mode="tags" data-testid={`${tid}-options`} aria-label={`第 ${index + 1} 个${noun}的选项`}
                    placeholder={field.optionsFrom ? '选项取自参考目录' : '输入选项后按回车'} disabled={Boolean(field.optionsFrom)}
                    status={problems[`${at}.options`] ? 'error' : undefined} value={field.options ?? []}
                    tokenSeparators={['\n']} onChange={(options) => set(withProp(field, 'options', options))} />
                  <Problem text={problems[`${at}.options`]} />
                </label>
                <label>
                  <span>选项来源</span>
                  <Select<string> data-testid={`${tid}-optionsFrom`} aria-label={`第 ${index + 1} 个${noun}的选项来源`} allowClear
                    placeholder="不使用参考目录" value={field.optionsFrom} options={referenceLists} notFoundContent="暂无参考目录"
                    onChange={(list) => set(withProp(withProp(field, 'optionsFrom', list), 'options', list ? undefined : field.options))} />
                </label>
              </div>
            )}
            {hasRange(type) && (
              <div className="form-designer-grid">
                <label>
                  <span>最小值</span>
                  <InputNumber<number> data-testid={`${tid}-min`} aria-label={`第 ${index + 1} 个${noun}的最小值`} className="form-designer-number"
                    value={field.min ?? null} onChange={(v) => set(withProp(field, 'min', v))} />
                </label>
                <label>
                  <span>最大值</span>
                  <InputNumber<number> data-testid={`${tid}-max`} aria-label={`第 ${index + 1} 个${noun}的最大值`} className="form-designer-number"
                    status={problems[`${at}.max`] ? 'error' : undefined} value={field.max ?? null} onChange={(v) => set(withProp(field, 'max', v))} />
                  <Problem text={problems[`${at}.max`]} />
                </label>
              </div>
            )}
            {hasLength(type) && (
              <div className="form-designer-grid">
                <label>
                  <span>最多字数</span>
                  <InputNumber<number> data-testid={`${tid}-maxLength`} aria-label={`第 ${index + 1} 个${noun}的最多字数`} min={1} precision={0}
                    className="form-designer-number" status={problems[`${at}.maxLength`] ? 'error' : undefined}
                    value={field.maxLength ?? null} onChange={(v) => set(withProp(field, 'maxLength', v))} />
                  <Problem text={problems[`${at}.maxLength`]} />
                </label>
                <label>
                  <span>格式（正则表达式）</span>
                  <Input data-testid={`${tid}-pattern`} aria-label={`第 ${index + 1} 个${noun}的格式`} placeholder="如 \d{4}" className="designer-code"
                    status={problems[`${at}.pattern`] ? 'error' : undefined} value={field.pattern ?? ''}
                    onChange={(e) => set(withProp(field, 'pattern', e.target.value))} />
                  <Problem text={problems[`${at}.pattern`]} />
                </label>
              </div>
            )}
            <label className="form-designer-block">
              <span>填写说明</span>
              <Input data-testid={`${tid}-help`} aria-label={`第 ${index + 1} 个${noun}的填写说明`} placeholder="显示在字段下方的提示，可不填"
                value={field.help ?? ''} onChange={(e) => set(withProp(field, 'help', e.target.value))} />
            </label>
            {type === 'table' && (
              <div className="form-designer-columns" role="group" aria-label={`${field.label || field.name}的列`}>
                <Typography.Text strong>表格的列</Typography.Text>
                <Problem text={problems[`${at}.columns`]} />
                <FieldList fields={field.columns ?? []} onChange={(columns) => set({ ...field, columns })} path={`${at}.columns`}
                  testId={`${tid}-column`} problems={problems} referenceLists={referenceLists} nested />
              </div>
            )}
          </fieldset>
        );
      })}
      <Button icon={<PlusOutlined />} data-testid={`${testId}-add`} onClick={() => onChange([...fields, newField(fields, nested ? 'column' : 'field')])}>
        添加{noun}
      </Button>
    </Space>
  );
}

export function FormDesigner({ form, onChange }: { form: FormSchema; onChange: (form: FormSchema) => void }) {
  const problems = useMemo(() => formProblems(form), [form]);
  const lists = useRemote<{ id: string; name: string }[]>('/api/reference-lists');
  const referenceLists = useMemo(
    () => (lists.state === 'loaded' ? lists.data.map((l) => ({ value: l.id, label: `${l.name}（${l.id}）` })) : []),
    [lists],
  );
  return (
    <div className="form-designer">
      <label className="form-designer-block">
        <span>表单标题</span>
        <Input data-testid="form-title" aria-label="表单标题" placeholder="如 专业增设备案申请表" status={problems['title'] ? 'error' : undefined}
          value={form.title ?? ''} onChange={(e) => onChange({ ...form, title: e.target.value })} />
        <Problem text={problems['title']} />
      </label>
      {lists.state === 'failed' && <Alert type="warning" showIcon title={`参考目录加载失败，暂不能选择选项来源：${lists.error}`} />}
      <Problem text={problems['fields']} />
      <FieldList fields={form.fields} onChange={(fields) => onChange({ ...form, fields })} path="fields" testId="form-field"
        problems={problems} referenceLists={referenceLists} />
    </div>
  );
}
