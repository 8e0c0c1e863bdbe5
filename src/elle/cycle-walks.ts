/**
 * Closed walks and simple cycles. The per-class search returns the shortest closed *walk*, which may
 * pass a transaction twice (in different search states); such a walk is the union of simple cycles,
 * each made of true dependencies, so each is a genuine cycle classified by its own edges, and the most
 * severe one is reported. When a search gives up, `plainCycle` still finds some cycle of a component.
 */
import { classify, severity } from './cycle-kinds.js';
import type { Walk } from './cycle-search.js';
import { levelOf, RW_BITS } from './edge-bits.js';
import type { Graph } from './graph.js';
import { markSubset, type Scratch } from './scc.js';
import type { CycleKind } from './types.js';

/** Splits a closed walk into simple cycles (a walk without repeated transactions is one). */
export function simpleCycles(walk: Walk): Walk[] {
  const out: Walk[] = [];
  const pathN: number[] = [];
  const pathB: number[] = [];
  const at = new Map<number, number>();
  const k = walk.nodes.length;
  for (let i = 0; i <= k; i++) {
    const x = walk.nodes[i % k];
    const j = at.get(x);
    if (j !== undefined) {
      out.push({ nodes: pathN.slice(j), bits: [...pathB.slice(j), walk.bits[i - 1]] });
      for (let t = j + 1; t < pathN.length; t++) at.delete(pathN[t]);
      pathN.length = j + 1;
      pathB.length = j;
    } else {
      if (i > 0) pathB.push(walk.bits[i - 1]);
      at.set(x, pathN.length);
      pathN.push(x);
    }
  }
  return out;
}

/** The most severe simple cycle of a walk, classified. */
export function bestOf(walk: Walk): { kind: CycleKind; walk: Walk } {
  let best: { kind: CycleKind; walk: Walk } | null = null;
  for (const w of simpleCycles(walk)) {
    const kind = classify(w.bits);
    if (!best || severity(kind) < severity(best.kind)) best = { kind, walk: w };
  }
  return best as { kind: CycleKind; walk: Walk };
}

/** The bit to read an edge as when any will do: lowest level first, then not `rw`. */
function plainBit(mask: number): number {
  let best = 0;
  let score = Infinity;
  for (let b = 1; b <= mask; b <<= 1) {
    if (!(mask & b)) continue;
    const sc = levelOf(b) * 2 + (b & RW_BITS ? 1 : 0);
    if (sc < score) [best, score] = [b, sc];
  }
  return best;
}

/** Any cycle of a component: an edge u → v inside it closed by a shortest path from v back to u. */
export function plainCycle(g: Graph, comp: Int32Array, s: Scratch): Walk {
  const tag = markSubset(s, comp);
  const u = comp[0];
  let v = -1;
  let uv = 0;
  for (let e = g.offsets[u]; e < g.offsets[u + 1] && v < 0; e++) {
    if (s.mark[g.targets[e]] === tag) [v, uv] = [g.targets[e], g.masks[e]];
  }
  const prev = new Int32Array(comp.length).fill(-1);
  const prevMask = new Uint16Array(comp.length);
  const queue = [v];
  prev[s.local[v]] = v;
  for (let h = 0; h < queue.length && prev[s.local[u]] < 0; h++) {
    const x = queue[h];
    for (let e = g.offsets[x]; e < g.offsets[x + 1]; e++) {
      const t = g.targets[e];
      if (s.mark[t] !== tag || prev[s.local[t]] >= 0) continue;
      prev[s.local[t]] = x;
      prevMask[s.local[t]] = g.masks[e];
      queue.push(t);
    }
  }
  const nodes: number[] = [];
  const bits: number[] = [];
  for (let x = u; x !== v; x = prev[s.local[x]]) {
    nodes.push(prev[s.local[x]]);
    bits.push(plainBit(prevMask[s.local[x]]));
  }
  nodes.push(u);
  bits.push(plainBit(uv));
  return { nodes: nodes.reverse(), bits: bits.reverse() };
}
