/**
 * Cycle classification, the per-class shortest-cycle search, splitting walks into simple cycles, and
 * what happens when the search budget runs out.
 */
import { describe, expect, it } from 'vitest';
import { Arena } from '../../src/elle/arena.js';
import { classify, impliedKinds } from '../../src/elle/cycle-kinds.js';
import { simpleCycles } from '../../src/elle/cycle-walks.js';
import { findCycles } from '../../src/elle/cycles.js';
import { Bit } from '../../src/elle/edge-bits.js';
import { GraphBuilder } from '../../src/elle/graph.js';

const { ww, wr, rw, process, realtime, wwFr, rwFr, wwP, rwP, wwRt, rwRt } = Bit;

function graph(n: number, edges: [number, number, number][]) {
  const b = new GraphBuilder(n, 16, new Arena(1024));
  for (const [a, c, bit] of edges) b.add(a, c, bit);
  return b.freeze();
}

describe('classify', () => {
  it('names a cycle by its rw edges, its wr edges and the highest level it uses', () => {
    expect(classify([ww, ww])).toBe('G0');
    expect(classify([ww, wr])).toBe('G1c');
    expect(classify([rw, wr])).toBe('G-single');
    expect(classify([rw, wr, rw, ww])).toBe('G-nonadjacent');
    expect(classify([rw, rw, wr])).toBe('G2-item');
    expect(classify([rw, wr, ww, rw])).toBe('G2-item'); // the last and first rw are adjacent
    expect(classify([process, ww])).toBe('G0-process');
    expect(classify([realtime, process, rw])).toBe('G-single-realtime');
    expect(classify([wwFr, ww])).toBe('G1c'); // writes-follow-reads cannot prove G0
    expect(classify([rwFr, wr])).toBe('G-single');
    expect(classify([wwP, ww])).toBe('G0-process');
    expect(classify([rwP, wr])).toBe('G-single-process');
    expect(classify([wwRt, rw])).toBe('G-single-realtime');
    expect(classify([rwRt, process])).toBe('G-single-realtime');
  });

  it('knows which classes a class implies', () => {
    expect([...impliedKinds('G0')].sort()).toEqual(['G0-process', 'G0-realtime', 'G1c', 'G1c-process', 'G1c-realtime']);
    expect(impliedKinds('G-single').has('G2-item-realtime')).toBe(true);
    expect(impliedKinds('G2-item').has('G-single')).toBe(false);
    expect(impliedKinds('G1a').size).toBe(0);
  });
});

describe('simpleCycles', () => {
  it('splits a closed walk that repeats a transaction', () => {
    const parts = simpleCycles({ nodes: [0, 1, 0, 2], bits: [ww, rw, wr, realtime] });
    expect(parts).toEqual([
      { nodes: [0, 1], bits: [ww, rw] },
      { nodes: [0, 2], bits: [wr, realtime] },
    ]);
    expect(simpleCycles({ nodes: [3, 4, 5], bits: [ww, wr, rw] })).toEqual([{ nodes: [3, 4, 5], bits: [ww, wr, rw] }]);
  });
});

describe('findCycles', () => {
  it('reports the shortest cycle of each class, most severe first, skipping implied classes', () => {
    // A G-single of length 4 (0→1→2→3→0) and one of length 2 (4⇄5), in one component through 3→4→3.
    const g = graph(6, [[0, 1, rw], [1, 2, wr], [2, 3, ww], [3, 0, wr], [3, 4, realtime], [4, 3, realtime], [4, 5, rw], [5, 4, wr]]);
    const r = findCycles(g, 1_000_000);
    expect(r.components).toBe(1);
    const single = r.findings.find((f) => f.kind === 'G-single');
    expect(single?.walk.nodes.length).toBe(2);
    expect(single?.shortest).toBe(true);
    expect(r.findings.map((f) => f.kind)).toContain('G0-realtime');
    expect(r.findings.map((f) => f.kind)).not.toContain('G-single-realtime');
    expect(r.undecided.size).toBe(0);
  });

  it('finds a G-nonadjacent only where no two rw edges are consecutive', () => {
    const adjacent = graph(3, [[0, 1, rw], [1, 2, rw], [2, 0, wr]]);
    expect(findCycles(adjacent, 1e6).findings.map((f) => f.kind)).toEqual(['G2-item']);
    const apart = graph(4, [[0, 1, rw], [1, 2, wr], [2, 3, rw], [3, 0, ww]]);
    expect(findCycles(apart, 1e6).findings.map((f) => f.kind)).toEqual(['G-nonadjacent']);
  });

  it('still reports a cycle, and says which classes it could not decide, when the budget runs out', () => {
    const g = graph(4, [[0, 1, rw], [1, 2, wr], [2, 3, rw], [3, 0, ww], [1, 0, realtime]]);
    const r = findCycles(g, 1);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.undecided.size).toBeGreaterThan(0);
    const full = findCycles(g, 1e6);
    expect(full.undecided.size).toBe(0);
    expect(full.findings.map((f) => f.kind).sort()).toEqual(['G-nonadjacent', 'G-single-realtime']);
  });
});
