/**
 * Reference implementation by exhaustive search, for small histories only: the definitions of CC,
 * CCv and CM themselves (Bouajjani et al., POPL 2017, for read/write registers with the causal order
 * (po ∪ rf)+), not their bad patterns. Exponential; a handful of ops at most.
 */
import type { HistoryOp } from '../../src/causal/index.js';
import { analyse, type Small } from './brute-common.js';

/** Calls `visit` with every order of `set` that extends co; stops when `visit` returns true. */
function linearExtensions(s: Small, set: number[], visit: (order: number[]) => boolean): boolean {
  const order: number[] = [];
  const used = new Set<number>();
  const go = (): boolean => {
    if (order.length === set.length) return visit(order);
    for (const v of set) {
      if (used.has(v) || set.some((u) => !used.has(u) && u !== v && s.co[u][v])) continue;
      used.add(v);
      order.push(v);
      if (go()) return true;
      order.pop();
      used.delete(v);
    }
    return false;
  };
  return go();
}

/** True if, in `order`, each read of `readers` returns the last write of its key before it. */
function readsOk(s: Small, order: number[], readers: (r: number) => boolean): boolean {
  const last = new Map<string, number>();
  for (const v of order) {
    const o = s.ops[v];
    if (o.kind === 'write') last.set(o.key, v);
    else if (readers(v) && (last.get(o.key) ?? -1) !== s.rf[v]) return false;
  }
  return true;
}

const pastOf = (s: Small, o: number): number[] => [...Array(s.n).keys()].filter((u) => s.co[u][o] || u === o);

/** CC, CCv and CM by their definitions (CCv, the costliest, only if `ccv`). */
export function bruteCausal(ops: readonly HistoryOp[], withCcv = true): { cc: boolean; ccv: boolean; cm: boolean } {
  const s = analyse(ops);
  if (!s.acyclic || s.rf.includes(-2)) return { cc: false, ccv: false, cm: false };
  const reads = [...Array(s.n).keys()].filter((v) => s.rf[v] !== -3);
  // CC: each read, alone, is right in some order of its causal past.
  const cc = reads.every((r) => linearExtensions(s, pastOf(s, r), (ord) => readsOk(s, ord, (v) => v === r)));
  // CM: each process, one order of its ops and their causal past, all its reads right.
  const processes = [...new Set(ops.map((o) => o.process))];
  const cm = processes.every((p) => {
    const mine = (v: number): boolean => s.ops[v].process === p;
    const set = [...Array(s.n).keys()].filter((u) => mine(u) || [...Array(s.n).keys()].some((o) => mine(o) && s.co[u][o]));
    return linearExtensions(s, set, (ord) => readsOk(s, ord, mine));
  });
  // CCv: one total order of everything; each read right in its causal past ordered that way.
  const all = [...Array(s.n).keys()];
  const ccv = withCcv && linearExtensions(s, all, (arb) => reads.every((r) => readsOk(s, arb.filter((u) => s.co[u][r] || u === r), (v) => v === r)));
  return { cc, ccv, cm };
}

