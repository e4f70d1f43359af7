// 自动排版 with elkjs, top to bottom, each node as wide as its outcome handles need. Up to a hundred steps (every
// process shipped so far) the layered algorithm draws the flow best; above that its long edges (every step's 不同意 to
// one end) cost it seconds, so the tree algorithm, linear in the steps, places large processes.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { DefinitionJson, Position } from './model';

export const nodeHeight = 72;
const handleWidth = 64;
const minWidth = 168;
export const layeredLimit = 100;

export function nodeWidth(outcomeCount: number): number {
  return Math.max(minWidth, outcomeCount * handleWidth + 16);
}

const layered = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.spacing.nodeNode': '32',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

const tree = {
  'elk.algorithm': 'mrtree',
  'elk.direction': 'DOWN',
  'elk.spacing.nodeNode': '40',
};

const elk = new ELK();

/** Every node's new top-left corner; the definition itself is not changed. */
export async function layoutDefinition(
  definition: DefinitionJson,
  outcomeCount: (nodeId: string) => number,
): Promise<Map<string, Position>> {
  const ids = new Set(definition.nodes.map((n) => n.id));
  const graph = await elk.layout({
    id: 'definition',
    layoutOptions: definition.nodes.length > layeredLimit ? tree : layered,
    children: definition.nodes.map((n) => ({ id: n.id, width: nodeWidth(outcomeCount(n.id)), height: nodeHeight })),
    edges: definition.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
  });
  return new Map((graph.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]));
}
