// The property panel's control for one catalogue input, chosen by the input's editor; a kind it does not know, or a
// stored value its editor cannot show whole, gets the JSON editor, so a new activity never breaks the panel.
import type { JSX } from 'react';
import { AutoComplete, DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import type { FormField } from '../../types';
import type { CatalogueInput } from '../model';
import { AssigneeEditor, AssigneeListEditor } from './AssigneeEditor';
import { ExpressionEditor } from './ExpressionEditor';
import { FieldAccessEditor } from './FieldAccessEditor';
import { JsonEditor } from './JsonEditor';
import { CasesEditor, StringListEditor } from './ListEditors';
import { editorKindOf, fitsEditor, numberValue, optionLabels, textValue, type SwitchCase } from './values';
import './inputs.css';

export interface EditorContext {
  /** The start form's fields (for field lists, field access, expression hints). */
  fields: FormField[];
  /** For node pickers. */
  nodes: { id: string; name?: string; kind: string }[];
  variables: { name: string; label?: string }[];
  /** For sub-process pickers. */
  definitions: { id: string; name: string }[];
}

interface InputEditorProps {
  input: CatalogueInput;
  value: unknown;
  onChange: (value: unknown) => void;
  context: EditorContext;
  id?: string;
}

const dateTimeFormat = 'YYYY-MM-DDTHH:mm:ssZ';

/** The default as a placeholder: what the step uses while the input is not set. */
function defaultHint(input: CatalogueInput, shown?: string): string | undefined {
  if (input.default === undefined || input.default === null) return undefined;
  return `默认：${shown ?? (typeof input.default === 'string' ? input.default : JSON.stringify(input.default))}`;
}

export function InputEditor({ input, value, onChange, context, id }: InputEditorProps): JSX.Element {
  const kind = editorKindOf(input);
  const testId = `input-${input.name}`;
  const label = input.displayName;
  const common = { id, 'data-testid': testId, 'aria-label': label, 'aria-required': input.required };

  if (!fitsEditor(kind, value)) {
    return (
      <JsonEditor testId={testId} label={label} value={value} onChange={onChange} id={id}
        note="当前值不是此项通常的写法（如写成了表达式），按 JSON 显示和修改。清空后可改用常规编辑方式。" />
    );
  }

  switch (kind) {
    case 'text':
      return (
        <Input {...common} allowClear placeholder={defaultHint(input) ?? `请填写${label}`}
          value={(value as string | undefined) ?? ''} onChange={(e) => onChange(textValue(e.target.value))} />
      );
    case 'number':
    case 'working-days':
      return (
        <InputNumber<number>
          {...common}
          className="designer-number"
          min={kind === 'working-days' ? 0 : undefined}
          precision={kind === 'working-days' ? 0 : undefined}
          suffix={kind === 'working-days' ? '个工作日' : undefined}
          placeholder={defaultHint(input) ?? `请填写${label}`}
          value={(value as number | undefined) ?? null}
          onChange={(v) => onChange(numberValue(v))}
        />
      );
    case 'switch':
      return (
        <Switch {...common} checkedChildren="是" unCheckedChildren="否"
          checked={(value as boolean | undefined) ?? input.default === true} onChange={(checked) => onChange(checked)} />
      );
    case 'select': {
      const options = optionLabels(input.options ?? [], input.description);
      const shownDefault = options.find((o) => o.value === input.default)?.label;
      return (
        <Select<string> {...common} allowClear placeholder={defaultHint(input, shownDefault) ?? `请选择${label}`}
          value={value as string | undefined} onChange={(v) => onChange(v)} options={options} />
      );
    }
    case 'datetime':
      return (
        <DatePicker {...common} showTime className="designer-number" placeholder={`请选择${label}`}
          value={typeof value === 'string' ? dayjs(value) : null}
          onChange={(d) => onChange(d ? d.format(dateTimeFormat) : undefined)} />
      );
    case 'string-list':
      return <StringListEditor testId={testId} label={label} value={value as string[] | undefined} onChange={onChange} id={id} />;
    case 'expression':
      return (
        <ExpressionEditor testId={testId} label={label} value={value as string | undefined} onChange={onChange}
          fields={context.fields} variables={context.variables} id={id} />
      );
    case 'assignee':
      return <AssigneeEditor testId={testId} label={label} value={value} onChange={onChange} fields={context.fields} id={id} />;
    case 'assignee-list':
      return <AssigneeListEditor testId={testId} label={label} value={value} onChange={onChange} fields={context.fields} id={id} />;
    case 'variable':
      return (
        <AutoComplete
          {...common}
          allowClear
          placeholder={defaultHint(input) ?? '选择已有变量或填写新变量名'}
          value={(value as string | undefined) ?? ''}
          onChange={(v: string) => onChange(textValue(v ?? ''))}
          options={context.variables.map((v) => ({ value: v.name, label: v.label ? `${v.label}（${v.name}）` : v.name }))}
          showSearch={{ filterOption: (words, option) => String(option?.value ?? '').includes(words) || String(option?.label ?? '').includes(words) }}
        />
      );
    case 'definition':
      return (
        <Select<string> {...common} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={`请选择${label}`}
          value={value as string | undefined} onChange={(v) => onChange(v)} notFoundContent="暂无可选的流程"
          options={context.definitions.map((d) => ({ value: d.id, label: `${d.name}（${d.id}）` }))} />
      );
    case 'node':
      return (
        <Select<string> {...common} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={`请选择${label}`}
          value={value as string | undefined} onChange={(v) => onChange(v)} notFoundContent="流程中还没有其他环节"
          options={context.nodes.map((n) => ({ value: n.id, label: n.name ? `${n.name}（${n.id}）` : n.id }))} />
      );
    case 'cases':
      return (
        <CasesEditor testId={testId} label={label} value={value as SwitchCase[] | undefined} onChange={onChange}
          fields={context.fields} variables={context.variables} id={id} />
      );
    case 'field-access':
      return (
        <FieldAccessEditor testId={testId} label={label} value={value as Record<string, string> | undefined}
          onChange={onChange} fields={context.fields} />
      );
    case 'json':
      return <JsonEditor testId={testId} label={label} value={value} onChange={onChange} id={id} />;
  }
}
