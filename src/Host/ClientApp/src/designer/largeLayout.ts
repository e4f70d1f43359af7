// The layered placement for large processes, in linear time per sweep: elkjs needs seconds for a few hundred steps
// (its layered algorithm splits every long edge — each step's 不同意 to one end — into a chain of dummy nodes), so above
// a hundred steps the designer places them here. Steps go in layers top to bottom by the longest path from the start
// (edges that close a loop are left out of the layering), each layer is ordered by its neighbours' positions, and each
// step sits as near as it can above or below what it connects to.

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

const layerGap = 56;
const nodeGap = 32;
const sweeps = 4;

export function layeredPositions(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, { x: number; y: number }> {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const out: number[][] = nodes.map(() => []);
  const into: number[][] = nodes.map(() => []);
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    out[s]!.push(t);
    into[t]!.push(s);
  }

  // Edges that close a loop (back to a step still on the depth-first path) are left out; the rest is ordered
  // topologically and each step put one layer below the lowest step leading into it.
  const back = backEdges(nodes.length, out, into);
  const forward = (s: number, t: number) => !back.has(s * nodes.length + t);
  const order = topological(nodes.length, out, forward);
  const layer = new Array<number>(nodes.length).fill(0);
  for (const node of order) {
    for (const t of out[node]!) {
      if (forward(node, t)) layer[t] = Math.max(layer[t]!, layer[node]! + 1);
    }
  }

  const layers: number[][] = [];
  for (const node of order) (layers[layer[node]!] ??= []).push(node);

  // Barycentre sweeps, down then up: a node's place is the mean place of its neighbours in the layer before.
  const place = new Array<number>(nodes.length);
  const renumber = (row: number[]) => row.forEach((node, i) => (place[node] = i));
  layers.forEach(renumber);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const down = sweep % 2 === 0;
    const rows = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const row of rows) {
      const weight = new Map(row.map((node) => [node, barycentre(down ? into[node]! : out[node]!, place, place[node]!)]));
      row.sort((a, b) => weight.get(a)! - weight.get(b)! || place[a]! - place[b]!);
      renumber(row);
    }
  }

  // x: each node at the mean centre of its placed neighbours above, pushed right past the one before it; each layer
  // is then centred on the widest.
  const centre = new Array<number>(nodes.length).fill(0);
  for (const row of layers) {
    let next = 0;
    for (const node of row) {
      const above = into[node]!.filter((s) => layer[s]! < layer[node]!);
      const wanted = above.length > 0 ? above.reduce((sum, s) => sum + centre[s]!, 0) / above.length : next;
      const half = nodes[node]!.width / 2;
      centre[node] = Math.max(wanted, next + half);
      next = centre[node]! + half + nodeGap;
    }
  }

  const positions = new Map<string, { x: number; y: number }>();
  let y = 0;
  for (const row of layers) {
    const height = Math.max(...row.map((node) => nodes[node]!.height));
    for (const node of row) {
      const n = nodes[node]!;
      positions.set(n.id, { x: Math.round(centre[node]! - n.width / 2), y });
    }
    y += height + layerGap;
  }
  return positions;
}

/** The edges s→t (as s·count+t) that reach back to a node still on the path, searched from the roots first. */
function backEdges(count: number, out: number[][], into: number[][]): Set<number> {
  const state = new Array<0 | 1 | 2>(count).fill(0); // unseen, on the path, finished
  const back = new Set<number>();
  const roots = [...Array(count).keys()].filter((n) => into[n]!.length === 0);
  for (const root of [...roots, ...Array(count).keys()]) {
    if (state[root] !== 0) continue;
    // Iterative, so a long chain of steps cannot overflow the stack: each frame is a node and its next edge.
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const [node, next] = frame;
      if (next === out[node]!.length) {
        state[node] = 2;
        stack.pop();
        continue;
      }
      frame[1] = next + 1;
      const target = out[node]![next]!;
      if (state[target] === 1) back.add(node * count + target);
      else if (state[target] === 0) {
        state[target] = 1;
        stack.push([target, 0]);
      }
    }
  }
  return back;
}

/** Kahn's order over the forward edges, taking ready nodes in their given order. */
function topological(count: number, out: number[][], forward: (s: number, t: number) => boolean): number[] {
  const waiting = new Array<number>(count).fill(0);
  for (let s = 0; s < count; s++) for (const t of out[s]!) if (forward(s, t)) waiting[t]!++;
  const ready = [...Array(count).keys()].filter((n) => waiting[n] === 0);
  const order: number[] = [];
  for (let i = 0; i < ready.length; i++) {
    const node = ready[i]!;
    order.push(node);
    for (const t of out[node]!) {
      if (forward(node, t) && --waiting[t]! === 0) ready.push(t);
    }
  }
  return order;
}

function barycentre(neighbours: number[], place: number[], own: number): number {
  return neighbours.length === 0 ? own : neighbours.reduce((sum, n) => sum + place[n]!, 0) / neighbours.length;
}
