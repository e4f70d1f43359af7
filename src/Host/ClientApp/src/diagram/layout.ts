// Places a diagram's steps with elkjs's layered layout, left to right, leaving room for the outcome names on edges;
// the case diagram and the version comparison both use it.
import ELK from 'elkjs/lib/elk.bundled.js';
import { useEffect, useState } from 'react';
import type { Edge, Node } from '@xyflow/react';

export const stepWidth = 140;
export const stepHeight = 64;

const elk = new ELK();

export async function layoutFlow<N extends Node>(flow: { nodes: N[]; edges: Edge[] }): Promise<N[]> {
  const graph = await elk.layout({
    id: 'case',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '32',
      'elk.spacing.nodeNode': '24',
      'elk.spacing.edgeLabel': '4',
      'elk.edgeLabels.inline': 'true',
    },
    children: flow.nodes.map((n) => ({ id: n.id, width: stepWidth, height: stepHeight })),
    edges: flow.edges.map((e) => ({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      labels: [{ text: String(e.label ?? ''), width: String(e.label ?? '').length * 13 + 12, height: 18 }],
    })),
  });
  const placed = new Map((graph.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  return flow.nodes.map((n) => ({ ...n, position: placed.get(n.id) ?? n.position }));
}

/** The flow's nodes once placed (null meanwhile), laid out again whenever the flow changes; failed if elkjs threw. */
export function useLaidOut<N extends Node>(flow: { nodes: N[]; edges: Edge[] }): { nodes: N[] | null; failed: boolean } {
  const [state, setState] = useState<{ nodes: N[] | null; failed: boolean }>({ nodes: null, failed: false });
  useEffect(() => {
    let live = true;
    setState({ nodes: null, failed: false });
    layoutFlow(flow).then(
      (placed) => live && setState({ nodes: placed, failed: false }),
      () => live && setState({ nodes: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [flow]);
  return state;
}
