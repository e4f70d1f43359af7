import { describe, expect, it } from 'vitest';
import { choicesPayload, choosableSteps, parseVariables, routeNodeIds, sampleFields, valueText } from './dryRun';
import type { DryRunStep } from '../processes/types';

describe('choosableSteps', () => {
  const nodes = [
    { id: 'start', kind: 'Start', name: '开始' },
    { id: 'city', kind: 'Approval', name: '盟市审核' },
    { id: 'gate', kind: 'If', name: '是否重点专业' },
    { id: 'notice', kind: 'Timer', name: '' },
    { id: 'single', kind: 'UserTask', name: '登记' },
    { id: 'end', kind: 'End', name: '结束' },
  ];
  const edges = [
    { source: 'start', outcome: 'done', target: 'city' },
    { source: 'city', outcome: 'approve', target: 'gate' },
    { source: 'city', outcome: 'reject', target: 'end' },
    { source: 'city', outcome: 'approve', target: 'single' },
    { source: 'gate', outcome: 'true', target: 'notice' },
    { source: 'gate', outcome: 'false', target: 'end' },
    { source: 'notice', outcome: 'done', target: 'end' },
    { source: 'notice', outcome: 'cancelled', target: 'end' },
    { source: 'single', outcome: 'done', target: 'end' },
  ];

  it('offers the outcomes of the edges leaving each step that waits, once each, skipping steps with no choice', () => {
    expect(choosableSteps(nodes, edges)).toEqual([
      { nodeId: 'city', name: '盟市审核', outcomes: ['approve', 'reject'] },
      { nodeId: 'notice', name: 'notice', outcomes: ['done', 'cancelled'] },
    ]);
  });
});

describe('choicesPayload', () => {
  it('leaves out the steps left on their default', () => {
    expect(choicesPayload({ city: 'reject', notice: undefined, other: '' })).toEqual({ city: 'reject' });
  });
});

describe('sampleFields', () => {
  it('makes every field optional and a file field text, inside tables too', () => {
    const fields = sampleFields({
      id: 'start',
      fields: [
        { name: 'majorCode', label: '专业代码', required: true },
        { name: 'evidence', label: '佐证材料', type: 'file', required: true },
        { name: 'teachers', label: '师资', type: 'table', columns: [{ name: 'cv', label: '简历', type: 'file', required: true }] },
      ],
    });

    expect(fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ['majorCode', undefined, false],
      ['evidence', 'text', false],
      ['teachers', 'table', false],
    ]);
    expect(fields[2]!.columns).toEqual([{ name: 'cv', label: '简历', type: 'text', required: false, columns: undefined }]);
    expect(sampleFields(undefined)).toEqual([]);
  });
});

describe('parseVariables', () => {
  it('takes nothing as no variables and an object as the variables', () => {
    expect(parseVariables('  ')).toEqual({ variables: {} });
    expect(parseVariables('{"score": 80, "key": true}')).toEqual({ variables: { score: 80, key: true } });
  });

  it.each([
    ['{score: 80}', '流程变量不是有效的 JSON，请按 {"变量名": 值} 填写。'],
    ['[80]', '流程变量应为一个 JSON 对象，如 {"score": 80}。'],
    ['null', '流程变量应为一个 JSON 对象，如 {"score": 80}。'],
  ])('refuses %j in Chinese', (text, error) => {
    expect(parseVariables(text)).toEqual({ error });
  });
});

describe('route', () => {
  const step = (nodeId: string, kind: string): DryRunStep => ({
    nodeId, nodeName: nodeId, kind, outcome: null, outcomeName: null, chosenBy: 'flow', evaluations: [], problem: null,
  });

  it('lights the steps in order and not the warning of a loop', () => {
    expect(routeNodeIds([step('start', 'Start'), step('city', 'Approval'), step('city', ''), step('end', 'End')])).toEqual(['start', 'city', 'end']);
  });

  it('shows values as JSON and null as 空', () => {
    expect([valueText(80), valueText('甲'), valueText(true), valueText(null), valueText({ a: [1] })]).toEqual(['80', '"甲"', 'true', '空（null）', '{"a":[1]}']);
  });
});
