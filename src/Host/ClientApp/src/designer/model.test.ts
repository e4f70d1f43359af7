import { describe, expect, it } from 'vitest';
import type { CatalogueEntry, DefinitionJson } from './model';
import {
  addNode,
  connect,
  copyNodes,
  freshId,
  nodeIdError,
  outcomesOf,
  paste,
  problemsByNode,
  record,
  redo,
  removeElements,
  renameNode,
  setInput,
  startFormOf,
  startHistory,
  undo,
  edgeId,
  formEditKey,
} from './model';

const approval: CatalogueEntry = {
  kind: 'Approval',
  displayName: '审批',
  category: '人工环节',
  blocking: true,
  inputs: [],
  outcomes: [
    { name: 'approve', displayName: '同意' },
    { name: 'reject', displayName: '不同意' },
  ],
};

function sample(): DefinitionJson {
  return {
    id: 'p',
    name: '流程',
    forms: [{ id: 'start', title: '申请表', fields: [{ name: 'plan', label: '方案' }] }],
    nodes: [
      { id: 'start', kind: 'Start', position: { x: 0, y: 0 }, inputs: { form: 'start' } },
      { id: 'approval', kind: 'Approval', name: '审批', position: { x: 0, y: 120 } },
      { id: 'end', kind: 'End', position: { x: 0, y: 240 } },
    ],
    edges: [
      { source: 'start', outcome: 'done', target: 'approval' },
      { source: 'approval', outcome: 'approve', target: 'end' },
    ],
  };
}

describe('designer model', () => {
  it('names a new node after its kind, skipping ids in use', () => {
    expect(freshId('UserTask', new Set())).toBe('user-task');
    expect(freshId('Approval', new Set(['approval', 'approval-2']))).toBe('approval-3');
    const [next, id] = addNode(sample(), approval, { x: 10.4, y: 20.6 });
    expect(id).toBe('approval-2');
    expect(next.nodes.at(-1)).toEqual({ id: 'approval-2', kind: 'Approval', name: '审批', position: { x: 10, y: 21 }, inputs: {} });
  });

  it('gives an outcome one next step: connecting it again moves the edge', () => {
    const moved = connect(sample(), 'approval', 'approve', 'start');
    expect(moved.edges.filter((e) => e.source === 'approval')).toEqual([{ source: 'approval', outcome: 'approve', target: 'start' }]);
    expect(moved.edges).toHaveLength(2);
  });

  it('removes a node with every edge touching it, and single edges by id', () => {
    const definition = sample();
    const withoutNode = removeElements(definition, new Set(['approval']), new Set());
    expect(withoutNode.nodes.map((n) => n.id)).toEqual(['start', 'end']);
    expect(withoutNode.edges).toEqual([]);
    const withoutEdge = removeElements(definition, new Set(), new Set([edgeId(definition.edges[0]!)]));
    expect(withoutEdge.edges).toEqual([definition.edges[1]]);
  });

  it('renames a node and the edges that name it, refusing taken or malformed ids', () => {
    const renamed = renameNode(sample(), 'approval', 'education')!;
    expect(renamed.nodes[1]!.id).toBe('education');
    expect(renamed.edges).toEqual([
      { source: 'start', outcome: 'done', target: 'education' },
      { source: 'education', outcome: 'approve', target: 'end' },
    ]);
    expect(renameNode(sample(), 'approval', 'end')).toBeNull();
    expect(nodeIdError(sample(), 'approval', 'end')).toContain('已有');
    expect(nodeIdError(sample(), 'approval', '1x')).toContain('字母开头');
    expect(nodeIdError(sample(), 'approval', 'approval')).toBeNull();
  });

  it('sets and removes inputs without touching other nodes', () => {
    const definition = sample();
    const set = setInput(definition, 'approval', 'title', '核准方案');
    expect(set.nodes[0]).toBe(definition.nodes[0]);
    expect(set.nodes[1]!.inputs).toEqual({ title: '核准方案' });
    expect(setInput(set, 'approval', 'title', undefined).nodes[1]!.inputs).toEqual({});
  });

  it('pastes copies under fresh ids with their inner edges, shifted', () => {
    const definition = sample();
    const clip = copyNodes(definition, new Set(['approval', 'end']))!;
    expect(clip.edges).toEqual([{ source: 'approval', outcome: 'approve', target: 'end' }]);
    const [next, ids] = paste(definition, clip, { x: 40, y: 40 });
    expect(ids).toEqual(['approval-2', 'end-2']);
    expect(next.nodes.find((n) => n.id === 'end-2')!.position).toEqual({ x: 40, y: 280 });
    expect(next.edges.at(-1)).toEqual({ source: 'approval-2', outcome: 'approve', target: 'end-2' });
    expect(copyNodes(definition, new Set())).toBeNull();
  });

  it('undoes and redoes, and a new edit drops the undone', () => {
    const first = sample();
    const second = setInput(first, 'approval', 'title', 'a');
    const third = setInput(second, 'approval', 'title', 'b');
    let history = record(record(startHistory(first), second), third);
    history = undo(undo(history));
    expect(history.present).toBe(first);
    history = redo(history);
    expect(history.present).toBe(second);
    const other = setInput(second, 'approval', 'title', 'c');
    history = record(history, other);
    expect(history.future).toEqual([]);
    expect(undo(startHistory(first)).present).toBe(first);
  });

  it('joins keystrokes in one field into one step to undo, and no more', () => {
    const first = sample();
    const typed = ['核', '核准', '核准方案'].map((title) => setInput(first, 'approval', 'title', title));
    let history = startHistory(first);
    for (const next of typed) history = record(history, next, 'approval:title');
    expect(history.past).toEqual([first]);
    expect(history.present).toBe(typed[2]);
    const other = setInput(typed[2]!, 'approval', 'dueInWorkingDays', 5);
    history = record(history, other, 'approval:dueInWorkingDays');
    expect(history.past).toHaveLength(2);
    // After an undo the same field starts a new step.
    history = record(undo(history), setInput(typed[2]!, 'approval', 'title', '核准'), 'approval:title');
    expect(history.past).toHaveLength(2);
  });

  it('keys a form edit by the one field property it changed', () => {
    const form = { id: 'start', title: '表', fields: [{ name: 'a', label: '甲' }, { name: 'b', label: '乙' }] };
    expect(formEditKey(form, { ...form, fields: [form.fields[0]!, { name: 'b', label: '乙方' }] })).toBe('form:1:label');
    expect(formEditKey(form, { ...form, title: '新表' })).toBe('form:title');
    expect(formEditKey(form, { ...form, fields: [...form.fields, { name: 'c', label: '丙' }] })).toBeUndefined();
    expect(formEditKey(form, { ...form, fields: [form.fields[0]!, { name: 'b2', label: '乙方' }] })).toBeUndefined();
    expect(formEditKey(undefined, form)).toBeUndefined();
  });

  it('reads outcomes from the validator, else the catalogue, keeping ones an edge still uses', () => {
    const definition = sample();
    const catalogue = new Map([['Approval', approval]]);
    const node = definition.nodes[1]!;
    expect(outcomesOf(node, catalogue, undefined, definition.edges).map((o) => o.name)).toEqual(['approve', 'reject']);
    const reported = { approval: [{ name: 'ok', displayName: '可以' }] };
    expect(outcomesOf(node, catalogue, reported, definition.edges)).toEqual([
      { name: 'ok', displayName: '可以' },
      { name: 'approve', displayName: 'approve', stale: true },
    ]);
  });

  it('groups problems by node, whole-definition ones under the empty key', () => {
    const grouped = problemsByNode([
      { nodeId: 'a', code: 'x', message: '一' },
      { nodeId: null, code: 'y', message: '二' },
      { nodeId: 'a', code: 'z', message: '三' },
    ]);
    expect(grouped.get('a')!.map((p) => p.message)).toEqual(['一', '三']);
    expect(grouped.get('')!.map((p) => p.message)).toEqual(['二']);
  });

  it('finds the start form through the Start node', () => {
    const definition = { ...sample(), forms: [{ id: 'other', fields: [] }, { id: 'apply', fields: [] }] };
    definition.nodes[0]!.inputs = { form: 'apply' };
    expect(startFormOf(definition)!.id).toBe('apply');
    expect(startFormOf({ ...sample(), forms: [] })).toBeUndefined();
  });
});
