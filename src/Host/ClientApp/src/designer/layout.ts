// 自动排版: elkjs's layered layout, top to bottom, each node as wide as its outcome handles need.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { DefinitionJson, Position } from './model';

export const nodeHeight = 72;
const handleWidth = 64;
const minWidth = 168;

export function nodeWidth(outcomeCount: number): number {
  return Math.max(minWidth, outcomeCount * handleWidth + 16);
}

const elk = new ELK();

/** Every node's new top-left corner; the definition itself is not changed. */
export async function layoutDefinition(
  definition: DefinitionJson,
  outcomeCount: (nodeId: string) => number,
): Promise<Map<string, Position>> {
  const ids = new Set(definition.nodes.map((n) => n.id));
  const graph = await elk.layout({
    id: 'definition',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '32',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: definition.nodes.map((n) => ({ id: n.id, width: nodeWidth(outcomeCount(n.id)), height: nodeHeight })),
    edges: definition.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
  });
  return new Map((graph.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]));
}
