/**
 * The shortest cycle of one class inside one strongly connected component: a breadth-first search over
 * (transaction, state) pairs, where the state records what the class needs to know about the path so far.
 *
 * Why it finds what it claims:
 *  - Every cycle of the class can be rotated to start with an edge taken as one of the class's anchor
 *    bits (a cycle with an `rw` edge starts with one; a G1c with its `wr` edge; a G0-process with its
 *    process-level edge), so trying every anchor edge of every start transaction covers every cycle.
 *  - The state holds exactly what decides acceptance: whether an edge of the required level was used
 *    (LV), whether a second `rw` edge was taken (C2) and whether the last edge was `rw` (LAST). A
 *    transition refuses an edge the class cannot take (a second `rw` for G-single, two consecutive `rw`
 *    for G-nonadjacent); the closing edge into the start is accepted only if the final state satisfies
 *    the class (for G-nonadjacent also: the closing edge is not `rw`, since the anchor is).
 *  - Breadth-first order finds the shortest closed walk through the start; the minimum over starts is
 *    the shortest of the class in the component. A start's search stops once its depth reaches the best
 *    length found, which cannot lose a shorter cycle.
 *  - A cycle of the class uses only allowed edges, so it lies inside one non-trivial component of the
 *    component restricted to them; the search runs only there.
 * The walk found may repeat a transaction (with different states); the caller splits it into simple
 * cycles and classifies those, each a genuine cycle.
 *
 * The search spends at most `budget` edge relaxations; if it stops early, `complete` is false and the
 * cycle, if any, is the shortest found so far.
 */
import type { CycleClass } from './cycle-kinds.js';
import { accepts, K, LAST, LV, minLength, step } from './cycle-state.js';
import { levelOf, RW_BITS } from './edge-bits.js';
import type { Graph } from './graph.js';
import { components, markSubset, type Scratch } from './scc.js';

/** A closed walk: `nodes[i]` → `nodes[i+1]` (cyclically) taken as `bits[i]`. */
export interface Walk {
  nodes: number[];
  bits: number[];
}

/** The outcome of one class's search in one component. */
export interface SearchOutcome {
  walk: Walk | null;
  /** False if the budget ran out before the search settled. */
  complete: boolean;
  /** Edge relaxations spent. */
  spent: number;
}

/** Searches `comp` (transaction ids of one component) for the shortest cycle of class `c`. */
export function shortestCycle(g: Graph, c: CycleClass, comp: Int32Array, s: Scratch, budget: number): SearchOutcome {
  let best: Walk | null = null;
  let spent = 0;
  const subs = components(g, c.allowed, comp, s);
  for (const sub of subs) {
    const tag = markSubset(s, sub);
    const size = sub.length * K;
    const seen = new Int32Array(size);
    const parent = new Int32Array(size);
    const via = new Uint16Array(size);
    const depth = new Int32Array(size);
    const queue = new Int32Array(size);
    let stamp = 0;
    for (let u = 0; u < sub.length; u++) {
      const gu = sub[u];
      stamp++;
      let head = 0;
      let tail = 0;
      let closing = -1;
      let closingBit = 0;
      for (let e = g.offsets[gu]; e < g.offsets[gu + 1]; e++) {
        const t = g.targets[e];
        const anchors = g.masks[e] & c.anchor;
        if (anchors === 0 || s.mark[t] !== tag) continue;
        for (let b = 1; b <= anchors; b <<= 1) {
          if (!(anchors & b)) continue;
          const st = (c.level > 0 && levelOf(b) === c.level ? LV : 0) | (b & RW_BITS && c.rw === 'nonadjacent' ? LAST : 0);
          const id = s.local[t] * K + st;
          if (seen[id] === stamp) continue;
          seen[id] = stamp;
          parent[id] = -1;
          via[id] = b;
          depth[id] = 1;
          queue[tail++] = id;
        }
      }
      search: while (head < tail) {
        const id = queue[head++];
        const d = depth[id];
        if (best && d + 1 >= best.nodes.length) break;
        const gv = sub[(id / K) | 0];
        const st = id % K;
        for (let e = g.offsets[gv]; e < g.offsets[gv + 1]; e++) {
          const t = g.targets[e];
          const mask = g.masks[e] & c.allowed;
          if (mask === 0 || s.mark[t] !== tag) continue;
          for (let b = 1; b <= mask; b <<= 1) {
            if (!(mask & b)) continue;
            spent++;
            const st2 = step(c, st, b);
            if (st2 < 0) continue;
            if (t === gu) {
              if (accepts(c, st2)) {
                closing = id;
                closingBit = b;
                break search;
              }
              continue;
            }
            const id2 = s.local[t] * K + st2;
            if (seen[id2] === stamp) continue;
            seen[id2] = stamp;
            parent[id2] = id;
            via[id2] = b;
            depth[id2] = d + 1;
            queue[tail++] = id2;
          }
        }
        if (spent > budget) return { walk: best, complete: false, spent };
      }
      if (closing >= 0) {
        const nodes: number[] = [];
        const bits: number[] = [closingBit];
        for (let id = closing; id >= 0; id = parent[id]) {
          nodes.push(sub[(id / K) | 0]);
          bits.push(via[id]);
        }
        nodes.push(gu);
        nodes.reverse();
        bits.reverse();
        best = { nodes, bits };
        if (nodes.length <= minLength(c)) return { walk: best, complete: true, spent };
      }
      if (spent > budget) return { walk: best, complete: false, spent };
    }
  }
  return { walk: best, complete: true, spent };
}
