// The editors of ordered lists: a list of texts (分支名称, 办理结果, 不可改的字段) and a Switch's branches, each item
// movable up and down and removable, by keyboard as by mouse.
import type { ReactNode } from 'react';
import { Button, Input, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormField } from '../../types';
import { ExpressionEditor } from './ExpressionEditor';
import { casesValue, duplicates, listValue, moveItem, removeItem, replaceItem, type SwitchCase } from './values';

interface ItemToolsProps {
  testId: string;
  index: number;
  count: number;
  noun: string;
  onMove: (to: number) => void;
  onRemove: () => void;
}

function ItemTools({ testId, index, count, noun, onMove, onRemove }: ItemToolsProps) {
  return (
    <Space size={2}>
      <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`上移第 ${index + 1} ${noun}`}
        data-testid={`${testId}-${index}-up`} disabled={index === 0} onClick={() => onMove(index - 1)} />
      <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`下移第 ${index + 1} ${noun}`}
        data-testid={`${testId}-${index}-down`} disabled={index === count - 1} onClick={() => onMove(index + 1)} />
      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除第 ${index + 1} ${noun}`}
        data-testid={`${testId}-${index}-remove`} onClick={onRemove} />
    </Space>
  );
}

function Duplicates({ names, what }: { names: string[]; what: string }): ReactNode {
  return names.length === 0 ? null : <Typography.Text type="danger" role="alert">{what}“{names.join('”“')}”重复了。</Typography.Text>;
}

interface StringListEditorProps {
  testId: string;
  label: string;
  value: string[] | undefined;
  onChange: (value: string[] | undefined) => void;
  id?: string;
}

export function StringListEditor({ testId, label, value, onChange, id }: StringListEditorProps) {
  const items = value ?? [];
  const set = (next: string[]) => onChange(listValue(next));
  return (
    <Space orientation="vertical" size={6} className="designer-list">
      {items.length === 0 && <Typography.Text type="secondary">还没有内容，请添加。</Typography.Text>}
      {items.map((item, index) => (
        <div key={index} className="designer-list-row">
          <Input
            id={index === 0 ? id : undefined}
            data-testid={`${testId}-${index}`}
            aria-label={`${label}第 ${index + 1} 项`}
            placeholder="请填写"
            value={item}
            onChange={(e) => set(replaceItem(items, index, e.target.value))}
          />
          <ItemTools testId={testId} index={index} count={items.length} noun="项"
            onMove={(to) => set(moveItem(items, index, to))} onRemove={() => set(removeItem(items, index))} />
        </div>
      ))}
      <Duplicates names={duplicates(items)} what="" />
      <Button icon={<PlusOutlined />} data-testid={`${testId}-add`} onClick={() => set([...items, ''])}>添加一项</Button>
    </Space>
  );
}

interface CasesEditorProps {
  testId: string;
  label: string;
  value: SwitchCase[] | undefined;
  onChange: (value: SwitchCase[] | undefined) => void;
  fields: FormField[];
  variables: { name: string; label?: string }[];
  id?: string;
}

/** A Switch's branches in order: the first whose condition holds is taken. */
export function CasesEditor({ testId, label, value, onChange, fields, variables, id }: CasesEditorProps) {
  const cases = value ?? [];
  const set = (next: SwitchCase[]) => onChange(casesValue(next));
  return (
    <Space orientation="vertical" size={8} className="designer-list">
      <Typography.Text type="secondary">按顺序判断，走第一个条件成立的分支。</Typography.Text>
      {cases.length === 0 && <Typography.Text type="secondary">还没有分支，请添加。</Typography.Text>}
      {cases.map((branch, index) => (
        <div key={index} className="designer-list-item">
          <div className="designer-list-item-head">
            <Typography.Text strong>分支 {index + 1}</Typography.Text>
            <ItemTools testId={testId} index={index} count={cases.length} noun="个分支"
              onMove={(to) => set(moveItem(cases, index, to))} onRemove={() => set(removeItem(cases, index))} />
          </div>
          <Input
            id={index === 0 ? id : undefined}
            data-testid={`${testId}-${index}-outcome`}
            aria-label={`${label}第 ${index + 1} 个分支的结果名称`}
            prefix="结果"
            placeholder="如 全国"
            value={branch.outcome ?? ''}
            status={branch.outcome?.trim() ? undefined : 'warning'}
            onChange={(e) => set(replaceItem(cases, index, { ...branch, outcome: e.target.value }))}
          />
          <ExpressionEditor
            testId={`${testId}-${index}-condition`}
            label={`${label}第 ${index + 1} 个分支的条件`}
            value={branch.condition}
            onChange={(condition) => set(replaceItem(cases, index, { ...branch, condition }))}
            fields={fields}
            variables={variables}
            placeholder="如 form.level === 'national'"
          />
        </div>
      ))}
      <Duplicates names={duplicates(cases.map((c) => c.outcome))} what="分支结果" />
      <Button icon={<PlusOutlined />} data-testid={`${testId}-add`} onClick={() => set([...cases, {}])}>添加分支</Button>
    </Space>
  );
}
