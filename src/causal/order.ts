/**
 * A topological order of po ∪ rf, or a cycle of it (the CyclicCO pattern: some read returned a value
 * written by an op that causally depends on the read — it read from its own future).
 *
 * Depth-first over predecessors (an op's po predecessor and, for a read, the write it read from),
 * starting from the ops in the order given. Ops arrive mostly in history order, so most of the time
 * the predecessors are already placed and the order stays close to the given one: a write's snapshot
 * (see `clocks.ts`) then lives only until its readers, which come soon after it.
 */
import type { Prepared } from './history.js';

/** A cycle as ops in order, each edge to the next (the last to the first) labelled po or rf. */
export interface OpCycle {
  ops: number[];
  labels: ('po' | 'rf')[];
}

/** Either a topological order of all ops, or one cycle of po ∪ rf. */
export type OrderResult = { order: Int32Array; cycle?: undefined } | { order?: undefined; cycle: OpCycle };

/** The po predecessor of op `u`, or -1. */
export function poPred(h: Prepared, u: number): number {
  const i = h.pos[u];
  return i === 0 ? -1 : h.ops[h.proc[u]][i - 1];
}

/** Topologically orders po ∪ rf, or returns a cycle of it. */
export function causalOrder(h: Prepared): OrderResult {
  const { n, rf } = h;
  const order = new Int32Array(n);
  let placed = 0;
  // 0 unvisited, 1 on the stack, 2 placed
  const color = new Uint8Array(n);
  const stack = new Int32Array(n);
  // Per stack frame: which predecessor to look at next (0 po, 1 rf, 2 done).
  const step = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    if (color[s] !== 0) continue;
    let depth = 0;
    stack[depth++] = s;
    color[s] = 1;
    step[s] = 0;
    while (depth > 0) {
      const u = stack[depth - 1];
      const k = step[u]++;
      const v = k === 0 ? poPred(h, u) : k === 1 ? rf[u] : -2;
      if (v === -2) {
        color[u] = 2;
        order[placed++] = u;
        depth--;
        continue;
      }
      if (v < 0 || color[v] === 2) continue;
      if (color[v] === 1) {
        // v is on the stack: v … u is a path of predecessors, so u → v closes a cycle forwards.
        let at = depth - 1;
        while (stack[at] !== v) at--;
        const ops: number[] = [];
        const labels: ('po' | 'rf')[] = [];
        // The stack holds successors before predecessors; reverse it into forward order.
        for (let i = depth - 1; i >= at; i--) ops.push(stack[i]);
        for (let i = 0; i < ops.length; i++) {
          const a = ops[i];
          const b = ops[(i + 1) % ops.length];
          labels.push(rf[b] === a ? 'rf' : 'po');
        }
        return { cycle: { ops, labels } };
      }
      color[v] = 1;
      step[v] = 0;
      stack[depth++] = v;
    }
  }
  return { order };
}
