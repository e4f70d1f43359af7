import { describe, expect, it } from 'vitest';
import { changeLines, diffFlow, nodeMarks } from './versionDiff';
import { vocabularyOf } from './vocabulary';
import type { CatalogueEntry, DefinitionChanges, ProcessDefinition } from './types';

const catalogue: CatalogueEntry[] = [
  { kind: 'Start', displayName: '开始', blocking: false, inputs: [], outcomes: [{ name: 'done', displayName: '提交' }] },
  {
    kind: 'Approval', displayName: '审批', blocking: true,
    inputs: [{ name: 'dueInWorkingDays', displayName: '办理时限（工作日）' }],
    outcomes: [{ name: 'approve', displayName: '同意' }, { name: 'reject', displayName: '不同意' }],
  },
  { kind: 'Timer', displayName: '定时等待', blocking: true, inputs: [], outcomes: [{ name: 'done', displayName: '到期' }] },
  { kind: 'End', displayName: '结束', blocking: false, inputs: [], outcomes: [] },
];
const words = vocabularyOf(catalogue);

const v1: ProcessDefinition = {
  id: 'filing', name: '备案', forms: [],
  nodes: [
    { id: 'start', kind: 'Start', name: '学校提交' },
    { id: 'city', kind: 'Approval', name: '盟市评估推荐' },
    { id: 'check', kind: 'Approval', name: '材料核对' },
    { id: 'end', kind: 'End' },
  ],
  edges: [
    { source: 'start', outcome: 'done', target: 'city' },
    { source: 'city', outcome: 'approve', target: 'check' },
    { source: 'check', outcome: 'approve', target: 'end' },
    { source: 'city', outcome: 'reject', target: 'end' },
  ],
};

const v2: ProcessDefinition = {
  id: 'filing', name: '专业备案', forms: [],
  nodes: [
    { id: 'start', kind: 'Start', name: '学校提交' },
    { id: 'city', kind: 'Approval', name: '盟市评估' },
    { id: 'notice', kind: 'Timer', name: '公示' },
    { id: 'end', kind: 'End' },
  ],
  edges: [
    { source: 'start', outcome: 'done', target: 'city' },
    { source: 'city', outcome: 'approve', target: 'notice' },
    { source: 'notice', outcome: 'done', target: 'end' },
    { source: 'city', outcome: 'reject', target: 'end' },
  ],
};

const changes: DefinitionChanges = {
  nameChanged: true,
  descriptionChanged: false,
  addedNodes: [{ id: 'notice', kind: 'Timer', name: '公示' }],
  removedNodes: [{ id: 'check', kind: 'Approval', name: '材料核对' }],
  changedNodes: [{
    id: 'city',
    before: { id: 'city', kind: 'Approval', name: '盟市评估推荐' },
    after: { id: 'city', kind: 'Approval', name: '盟市评估' },
    kindChanged: false, nameChanged: true, changedInputs: ['dueInWorkingDays', 'notify'],
  }],
  addedEdges: [{ source: 'city', outcome: 'approve', target: 'notice' }, { source: 'notice', outcome: 'done', target: 'end' }],
  removedEdges: [{ source: 'city', outcome: 'approve', target: 'check' }, { source: 'check', outcome: 'approve', target: 'end' }],
  variablesChanged: false,
  formsChanged: true,
  startRolesChanged: false,
  hasChanges: true,
};

describe('nodeMarks', () => {
  it('marks added, removed and changed nodes and leaves the rest out', () => {
    expect([...nodeMarks(changes)]).toEqual([['notice', 'added'], ['check', 'removed'], ['city', 'changed']]);
  });
});

describe('diffFlow', () => {
  const flow = diffFlow(v1, v2, changes, words);

  it('draws the newer version with the removed nodes added back, each with its mark', () => {
    expect(flow.nodes.map((n) => [n.id, n.data.mark, n.data.name, n.data.kindName])).toEqual([
      ['start', 'same', '学校提交', '开始'],
      ['city', 'changed', '盟市评估', '审批'],
      ['notice', 'added', '公示', '定时等待'],
      ['end', 'same', 'end', '结束'],
      ['check', 'removed', '材料核对', '审批'],
    ]);
  });

  it('lists what changed on a changed node in Chinese, inputs by their catalogue names', () => {
    const city = flow.nodes.find((n) => n.id === 'city')!;

    expect(city.data.details).toEqual(['名称：“盟市评估推荐”→“盟市评估”', '修改的设置：办理时限（工作日）、notify']);
    expect(flow.nodes.find((n) => n.id === 'start')!.data.details).toEqual([]);
  });

  it('marks edges added and removed, dashes the removed, and names outcomes', () => {
    expect(flow.edges.map((e) => [e.id, e.data!.mark, e.label])).toEqual([
      ['start|done|city', 'same', '提交'],
      ['city|approve|notice', 'added', '同意'],
      ['notice|done|end', 'added', '到期'],
      ['city|reject|end', 'same', '不同意'],
      ['city|approve|check', 'removed', '同意'],
      ['check|approve|end', 'removed', '同意'],
    ]);
    const removed = flow.edges.find((e) => e.id === 'city|approve|check')!;
    expect(removed.style?.strokeDasharray).toBe('6 4');
    expect(flow.edges.find((e) => e.id === 'city|approve|notice')!.style?.strokeDasharray).toBeUndefined();
  });
});

describe('changeLines', () => {
  it('says every change in Chinese, nodes before edges', () => {
    expect(changeLines(v1, v2, changes, words)).toEqual([
      '流程名称由“备案”改为“专业备案”',
      '新增节点“公示”（定时等待）',
      '删除节点“材料核对”（审批）',
      '修改节点“盟市评估”：名称：“盟市评估推荐”→“盟市评估”；修改的设置：办理时限（工作日）、notify',
      '新增连线：“盟市评估”经“同意”到“公示”',
      '新增连线：“公示”经“到期”到“end”',
      '删除连线：“盟市评估推荐”经“同意”到“材料核对”',
      '删除连线：“材料核对”经“同意”到“end”',
      '修改了表单',
    ]);
  });

  it('is empty for two versions that do not differ', () => {
    const none: DefinitionChanges = {
      ...changes, nameChanged: false, addedNodes: [], removedNodes: [], changedNodes: [], addedEdges: [], removedEdges: [],
      formsChanged: false, hasChanges: false,
    };

    expect(changeLines(v1, v1, none, words)).toEqual([]);
  });
});
