import { describe, expect, it } from 'vitest';
import { layeredPositions } from './largeLayout';
import type { LayoutEdge, LayoutNode } from './largeLayout';

const box = (id: string, width = 160): LayoutNode => ({ id, width, height: 72 });

/** Start, a chain of n approvals each rejecting to one end, a loop back from the last to the first, then the end. */
function chain(n: number): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  const nodes = [box('start'), ...Array.from({ length: n }, (_, i) => box(`a${i}`)), box('end'), box('rejected')];
  const edges: LayoutEdge[] = [{ source: 'start', target: 'a0' }];
  for (let i = 0; i < n; i++) {
    edges.push({ source: `a${i}`, target: i + 1 < n ? `a${i + 1}` : 'end' }, { source: `a${i}`, target: 'rejected' });
  }
  edges.push({ source: `a${n - 1}`, target: 'a0' });
  return { nodes, edges };
}

describe('large layout', () => {
  it('puts every step below the steps leading into it, except along an edge that closes a loop', () => {
    const { nodes, edges } = chain(300);
    const at = layeredPositions(nodes, edges);
    expect(at.size).toBe(nodes.length);
    for (const e of edges.filter((e) => !(e.source === 'a299' && e.target === 'a0'))) {
      expect(at.get(e.target)!.y, `${e.source} → ${e.target}`).toBeGreaterThan(at.get(e.source)!.y);
    }
    expect(at.get('start')!.y).toBe(0);
  });

  it('keeps the steps of one layer apart, side by side', () => {
    const nodes = [box('start'), box('a', 200), box('b', 200), box('c', 200), box('end')];
    const edges = ['a', 'b', 'c'].flatMap((x) => [
      { source: 'start', target: x },
      { source: x, target: 'end' },
    ]);
    const at = layeredPositions(nodes, edges);
    const row = ['a', 'b', 'c'].map((id) => at.get(id)!).sort((p, q) => p.x - q.x);
    expect(new Set(row.map((p) => p.y)).size).toBe(1);
    for (let i = 1; i < row.length; i++) expect(row[i]!.x - row[i - 1]!.x).toBeGreaterThanOrEqual(200);
  });

  it('places a step reached only by a later step (a cross edge) below it', () => {
    const nodes = [box('a'), box('b'), box('c')];
    const at = layeredPositions(nodes, [
      { source: 'a', target: 'b' },
      { source: 'a', target: 'c' },
      { source: 'c', target: 'b' },
    ]);
    expect(at.get('b')!.y).toBeGreaterThan(at.get('c')!.y);
  });

  it('places steps nothing connects, and ignores edges to unknown steps', () => {
    const at = layeredPositions([box('alone'), box('other')], [{ source: 'alone', target: 'missing' }]);
    expect([...at.keys()].sort()).toEqual(['alone', 'other']);
  });
});
