// 自动排版, top to bottom, each node as wide as its outcome handles need. Up to a hundred steps (every process shipped
// so far) elkjs's layered algorithm places them; above that it takes seconds (see largeLayout.ts), and the designer's
// own linear-time layered placement does.
import { layeredPositions } from './largeLayout';
import type { DefinitionJson, Position } from './model';

export const nodeHeight = 72;
const handleWidth = 64;
const minWidth = 168;
export const elkLimit = 100;

export function nodeWidth(outcomeCount: number): number {
  return Math.max(minWidth, outcomeCount * handleWidth + 16);
}

// elkjs is 1.6 MB: fetched and compiled the first time a layout needs it, not when the designer opens.
let elk: Promise<InstanceType<typeof import('elkjs/lib/elk.bundled.js').default>> | null = null;

function loadElk() {
  elk ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => new ELK());
  return elk;
}

/** Every node's new top-left corner; the definition itself is not changed. */
export async function layoutDefinition(
  definition: DefinitionJson,
  outcomeCount: (nodeId: string) => number,
): Promise<Map<string, Position>> {
  const ids = new Set(definition.nodes.map((n) => n.id));
  const nodes = definition.nodes.map((n) => ({ id: n.id, width: nodeWidth(outcomeCount(n.id)), height: nodeHeight }));
  const edges = definition.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  if (nodes.length > elkLimit) return layeredPositions(nodes, edges);
  const graph = await (await loadElk()).layout({
    id: 'definition',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '32',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: nodes,
    edges: edges.map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
  });
  return new Map((graph.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]));
}
