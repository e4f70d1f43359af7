// The case's diagram as xyflow reads it: one node per step with how far the case got there, one edge per outcome
// named in Chinese, the route the case took drawn solid and the rest faint. Positions come later, from the layout.
import { MarkerType } from '@xyflow/react';
import type { Edge, Node } from '@xyflow/react';
import type { CaseDiagram, DiagramStatus } from '../types';

export const statusNames: Record<DiagramStatus, string> = {
  done: '已完成',
  current: '当前',
  stopped: '已中止',
  pending: '未到达',
};

export const statusColors: Record<DiagramStatus, string> = {
  done: '#389e0d',
  current: '#1677ff',
  stopped: '#d46b08',
  pending: '#bfbfbf',
};

export type StepData = {
  name: string;
  kindName: string;
  status: DiagramStatus;
};

export type StepNode = Node<StepData, 'step'>;

export type OutcomeData = { taken: boolean };

export type OutcomeEdge = Edge<OutcomeData>;

export interface Flow {
  nodes: StepNode[];
  edges: OutcomeEdge[];
}

const takenColor = '#389e0d';
const otherColor = '#bfbfbf';

export function toFlow(diagram: CaseDiagram): Flow {
  const nodes: StepNode[] = diagram.nodes.map((n) => ({
    id: n.id,
    type: 'step',
    position: { x: 0, y: 0 },
    data: { name: n.name, kindName: n.kindName, status: n.status },
  }));
  const known = new Set(diagram.nodes.map((n) => n.id));
  const edges: OutcomeEdge[] = diagram.edges
    .filter((e) => known.has(e.source) && known.has(e.target))
    .map((e, i) => {
      const color = e.taken ? takenColor : otherColor;
      return {
        id: `${e.source}→${e.target}:${e.outcome}:${i}`,
        source: e.source,
        target: e.target,
        label: e.outcomeName,
        data: { taken: e.taken },
        className: e.taken ? 'edge-taken' : 'edge-other',
        style: { stroke: color, strokeWidth: e.taken ? 2 : 1.2, strokeDasharray: e.taken ? undefined : '5 4' },
        markerEnd: { type: MarkerType.ArrowClosed, color },
        labelStyle: { fill: e.taken ? '#135200' : '#8c8c8c', fontSize: 12 },
        labelBgStyle: { fill: '#fff' },
      };
    });
  return { nodes, edges };
}

/** The statuses the diagram shows, in legend order; 已中止 only when a step has it. */
export function legendOf(flow: Flow): DiagramStatus[] {
  const present = new Set(flow.nodes.map((n) => n.data.status));
  return (['done', 'current', 'stopped', 'pending'] as const).filter((s) => s !== 'stopped' || present.has(s));
}
