/**
 * The conflict relation of causal convergence (CCv) and its bad pattern, CyclicCF.
 *
 * w2 cf w1 when some read r reads from w1 and has w2, another write of the same key, in its causal
 * past: every process must then order w2 before w1, since r saw w1 win over w2. CCv asks for one
 * total order of writes that extends co and cf, so it fails iff co ∪ cf is cyclic.
 *
 * Only one edge per (read, writing process) is needed: of process q's writes of x in r's past, the
 * last, w2_q, has the others before it in po, so an edge from it implies theirs. An edge whose w2 is
 * already in w1's past adds nothing to co and is skipped; so is w2 = w1. What remains are the edges
 * between writes that co leaves concurrent. The same edges, those of one process's reads, are where
 * that process's happens-before relation (CM, see `memory.ts`) starts from.
 */
import { findCycle, denseColours, type PredGraph } from './cycles.js';
import type { Prepared } from './history.js';
import { poPred } from './order.js';
import type { EdgeLabel } from './types.js';

/** The cf edges: `from[i] cf to[i]`, found at read `read[i]` (computed by `scanReads`, `cc.ts`). */
export interface ConflictEdges {
  from: number[];
  to: number[];
  read: number[];
}

/** po ∪ rf ∪ cf by predecessors: an op's po predecessor, the write a read read from, its cf sources. */
export function conflictGraph(h: Prepared, cf: ConflictEdges): PredGraph {
  const start = new Int32Array(h.n + 1);
  const seen = new Set<number>();
  const keep: number[] = [];
  for (let i = 0; i < cf.from.length; i++) {
    const id = cf.from[i] * h.n + cf.to[i];
    if (seen.has(id)) continue;
    seen.add(id);
    keep.push(i);
    start[cf.to[i] + 1]++;
  }
  for (let v = 0; v < h.n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, h.n);
  const src = new Int32Array(keep.length);
  for (const i of keep) src[fill[cf.to[i]]++] = cf.from[i];
  return {
    degree: (v) => 2 + start[v + 1] - start[v],
    pred: (v, i) => (i === 0 ? poPred(h, v) : i === 1 ? h.rf[v] : src[start[v] + i - 2]),
    label: (_v, i): EdgeLabel => (i === 0 ? 'po' : i === 1 ? 'rf' : 'cf'),
  };
}

/**
 * A cycle of po ∪ rf ∪ cf, or undefined. po and rf go forwards in `order` (a topological order of
 * po ∪ rf), so a cycle has a cf edge going backwards in it: without one there is nothing to search.
 */
export function findConflictCycle(h: Prepared, order: Int32Array, cf: ConflictEdges): { ops: number[]; labels: EdgeLabel[] } | undefined {
  const rank = new Int32Array(h.n);
  for (let i = 0; i < h.n; i++) rank[order[i]] = i;
  if (!cf.from.some((w, i) => rank[cf.to[i]] < rank[w])) return undefined;
  const g = conflictGraph(h, cf);
  const starts = { [Symbol.iterator]: function* () { for (let v = 0; v < h.n; v++) yield v; } };
  return findCycle(g, starts, denseColours(h.n));
}
