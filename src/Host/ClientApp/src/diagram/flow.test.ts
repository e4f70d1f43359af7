import { describe, expect, it } from 'vitest';
import type { CaseDiagram } from '../types';
import { legendOf, toFlow } from './flow';

const rewards: CaseDiagram = {
  nodes: [
    { id: 'start', name: '学校报送获奖名单', kind: 'Start', kindName: '开始', status: 'done' },
    { id: 'education', name: '教育局审核', kind: 'Approval', kindName: '审批', status: 'current' },
    { id: 'finance', name: '财政局登记拨付', kind: 'UserTask', kindName: '办理', status: 'pending' },
    { id: 'end', name: '奖励已拨付', kind: 'End', kindName: '结束', status: 'pending' },
  ],
  edges: [
    { source: 'start', target: 'education', outcome: 'done', outcomeName: '提交', taken: true },
    { source: 'education', target: 'finance', outcome: 'approve', outcomeName: '同意', taken: false },
    { source: 'finance', target: 'end', outcome: 'paid', outcomeName: '拨付', taken: false },
    { source: 'finance', target: 'gone', outcome: 'lost', outcomeName: 'lost', taken: false },
  ],
};

describe('toFlow', () => {
  it('makes a step node per node with its name, kind and status', () => {
    const { nodes } = toFlow(rewards);

    expect(nodes.map((n) => [n.id, n.type, n.data.name, n.data.status])).toEqual([
      ['start', 'step', '学校报送获奖名单', 'done'],
      ['education', 'step', '教育局审核', 'current'],
      ['finance', 'step', '财政局登记拨付', 'pending'],
      ['end', 'step', '奖励已拨付', 'pending'],
    ]);
  });

  it('labels edges with the Chinese outcome names and draws only the route taken solid', () => {
    const { edges } = toFlow(rewards);

    expect(edges.map((e) => [e.source, e.target, e.label, e.data?.taken])).toEqual([
      ['start', 'education', '提交', true],
      ['education', 'finance', '同意', false],
      ['finance', 'end', '拨付', false],
    ]);
    expect(edges[0]?.style?.strokeDasharray).toBeUndefined();
    expect(edges[1]?.style?.strokeDasharray).toBe('5 4');
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
  });

  it('shows 已中止 in the legend only when a step was stopped', () => {
    expect(legendOf(toFlow(rewards))).toEqual(['done', 'current', 'pending']);
    const withdrawn: CaseDiagram = { ...rewards, nodes: rewards.nodes.map((n) => (n.id === 'education' ? { ...n, status: 'stopped' } : n)) };
    expect(legendOf(toFlow(withdrawn))).toEqual(['done', 'current', 'stopped', 'pending']);
  });
});
