// 版本对比 apart from React: two published versions merged into one diagram (nodes and edges of the newer version,
// plus what it removed), each marked added, removed, changed or unchanged, and the changes as sentences in Chinese.
import { MarkerType } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import type { DefinitionChanges, NodeChange, ProcessDefinition, ProcessEdge } from './types';
import type { Vocabulary } from './vocabulary';

export type DiffMark = 'added' | 'removed' | 'changed' | 'same';

export const markNames: Record<DiffMark, string> = {
  added: '新增',
  removed: '删除',
  changed: '修改',
  same: '未变',
};

export const markColors: Record<DiffMark, string> = {
  added: '#389e0d',
  removed: '#cf1322',
  changed: '#d46b08',
  same: '#bfbfbf',
};

export type DiffNodeData = {
  name: string;
  kindName: string;
  mark: DiffMark;
  /** What changed, one line each; empty for a node that did not change. */
  details: string[];
};

export type DiffNode = Node<DiffNodeData, 'diff'>;

export type DiffEdgeData = { mark: DiffMark };

export type DiffEdge = Edge<DiffEdgeData>;

export interface DiffFlow {
  nodes: DiffNode[];
  edges: DiffEdge[];
}

const edgeKey = (e: ProcessEdge) => `${e.source}|${e.outcome}|${e.target}`;

const named = (name: string | null | undefined, id: string) => (name && name.trim() !== '' ? name : id);

/** Each node's mark by id; a node the comparison does not mention is unchanged. */
export function nodeMarks(changes: DefinitionChanges): Map<string, DiffMark> {
  const marks = new Map<string, DiffMark>();
  changes.addedNodes.forEach((n) => marks.set(n.id, 'added'));
  changes.removedNodes.forEach((n) => marks.set(n.id, 'removed'));
  changes.changedNodes.forEach((n) => marks.set(n.id, 'changed'));
  return marks;
}

/** The lines a changed node lists on hover: its name, its kind, the settings whose values differ. */
export function changeDetails(change: NodeChange, words: Vocabulary): string[] {
  const lines: string[] = [];
  if (change.nameChanged) {
    lines.push(`名称：“${named(change.before.name, change.id)}”→“${named(change.after.name, change.id)}”`);
  }
  if (change.kindChanged) {
    lines.push(`类型：${words.kindName(change.before.kind)} → ${words.kindName(change.after.kind)}`);
  }
  if (change.changedInputs.length > 0) {
    lines.push(`修改的设置：${change.changedInputs.map((input) => words.inputName(change.after.kind, input)).join('、')}`);
  }
  return lines;
}

/** One diagram of both versions: the newer one's nodes and edges, with the removed ones of the older added back. */
export function diffFlow(before: ProcessDefinition, after: ProcessDefinition, changes: DefinitionChanges, words: Vocabulary): DiffFlow {
  const marks = nodeMarks(changes);
  const changed = new Map(changes.changedNodes.map((c) => [c.id, c]));
  const removedIds = new Set(changes.removedNodes.map((n) => n.id));
  const shown = [...after.nodes, ...before.nodes.filter((n) => removedIds.has(n.id))];
  const nodes: DiffNode[] = shown.map((n) => {
    const change = changed.get(n.id);
    return {
      id: n.id,
      type: 'diff',
      position: { x: 0, y: 0 },
      data: {
        name: named(n.name, n.id),
        kindName: words.kindName(n.kind),
        mark: marks.get(n.id) ?? 'same',
        details: change ? changeDetails(change, words) : [],
      },
    };
  });

  const kinds = new Map([...before.nodes, ...after.nodes].map((n) => [n.id, n.kind]));
  const added = new Set(changes.addedEdges.map(edgeKey));
  const removed = new Set(changes.removedEdges.map(edgeKey));
  const seen = new Set<string>();
  const edges: DiffEdge[] = [];
  for (const edge of [...after.edges, ...changes.removedEdges]) {
    const key = edgeKey(edge);
    if (seen.has(key) || !kinds.has(edge.source) || !kinds.has(edge.target)) continue;
    seen.add(key);
    const mark: DiffMark = added.has(key) ? 'added' : removed.has(key) ? 'removed' : 'same';
    const color = mark === 'same' ? '#8c8c8c' : markColors[mark];
    edges.push({
      id: key,
      source: edge.source,
      target: edge.target,
      label: words.outcomeName(kinds.get(edge.source)!, edge.outcome),
      data: { mark },
      className: `diff-edge-${mark}`,
      style: { stroke: color, strokeWidth: mark === 'same' ? 1.2 : 2, strokeDasharray: mark === 'removed' ? '6 4' : undefined },
      markerEnd: { type: MarkerType.ArrowClosed, color },
      labelStyle: { fill: color, fontSize: 12 },
      labelBgStyle: { fill: '#fff' },
    });
  }
  return { nodes, edges };
}

/** The comparison as a list a person reads, in the order a reviewer checks it. */
export function changeLines(before: ProcessDefinition, after: ProcessDefinition, changes: DefinitionChanges, words: Vocabulary): string[] {
  const lines: string[] = [];
  if (changes.nameChanged) lines.push(`流程名称由“${before.name}”改为“${after.name}”`);
  if (changes.descriptionChanged) lines.push('修改了流程说明');
  changes.addedNodes.forEach((n) => lines.push(`新增节点“${named(n.name, n.id)}”（${words.kindName(n.kind)}）`));
  changes.removedNodes.forEach((n) => lines.push(`删除节点“${named(n.name, n.id)}”（${words.kindName(n.kind)}）`));
  changes.changedNodes.forEach((c) => lines.push(`修改节点“${named(c.after.name, c.id)}”：${changeDetails(c, words).join('；')}`));

  const nodeName = (definition: ProcessDefinition, id: string) => named(definition.nodes.find((n) => n.id === id)?.name, id);
  const edgeText = (definition: ProcessDefinition, e: ProcessEdge) => {
    const kind = definition.nodes.find((n) => n.id === e.source)?.kind ?? '';
    return `“${nodeName(definition, e.source)}”经“${words.outcomeName(kind, e.outcome)}”到“${nodeName(definition, e.target)}”`;
  };
  changes.addedEdges.forEach((e) => lines.push(`新增连线：${edgeText(after, e)}`));
  changes.removedEdges.forEach((e) => lines.push(`删除连线：${edgeText(before, e)}`));
  if (changes.variablesChanged) lines.push('修改了流程变量');
  if (changes.formsChanged) lines.push('修改了表单');
  if (changes.startRolesChanged) lines.push('修改了可发起的角色');
  return lines;
}
