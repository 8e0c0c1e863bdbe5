/**
 * What the reference implementations share: the causal order (po ∪ rf)+ by transitive closure and
 * reads-from by value, for small histories (cubic in their size).
 */
import type { HistoryOp } from '../../src/causal/index.js';

/** A small history with its causal order and reads-from. */
export interface Small {
  n: number;
  ops: readonly HistoryOp[];
  /** co[a][b]: a is strictly causally before b. */
  co: boolean[][];
  /** Per read: the write it read from, -1 initial value, -2 none (thin air); writes: -3. */
  rf: number[];
  acyclic: boolean;
}

/** The causal order and reads-from of `ops`. */
export function analyse(ops: readonly HistoryOp[]): Small {
  const n = ops.length;
  const co = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  const rf = ops.map((o) => {
    if (o.kind === 'write') return -3;
    if (o.value === null) return -1;
    const w = ops.findIndex((w) => w.kind === 'write' && w.key === o.key && w.value === o.value);
    return w < 0 ? -2 : w;
  });
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) if (ops[a].process === ops[b].process) co[a][b] = true;
    if (rf[a] >= 0) co[rf[a]][a] = true;
  }
  for (let k = 0; k < n; k++) for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (co[a][k] && co[k][b]) co[a][b] = true;
  return { n, ops, co, rf, acyclic: co.every((row, a) => !row[a]) };
}

