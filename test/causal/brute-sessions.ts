/**
 * Reference implementation of the session guarantees as `src/causal/session.ts` states them, each
 * checked over every pair of ops concerned, with the causal order from a transitive closure.
 */
import type { HistoryOp } from '../../src/causal/index.js';
import { analyse } from './brute-common.js';

/** The session guarantees of `src/causal/session.ts`, by their definitions; undefined if undecidable. */
export function bruteSessions(ops: readonly HistoryOp[]): Record<string, boolean> | undefined {
  const s = analyse(ops);
  if (!s.acyclic || s.rf.includes(-2)) return undefined;
  const older = (a: number, b: number): boolean => a === -1 || (a >= 0 && a !== b && s.co[a][b]);
  const before = (a: number, b: number): boolean => ops[a].process === ops[b].process && a < b;
  const writes = (p: number, key: string, pred: (w: number) => boolean): number[] =>
    [...Array(s.n).keys()].filter((w) => ops[w].kind === 'write' && ops[w].process === p && ops[w].key === key && pred(w));
  let ryw = true;
  let mr = true;
  let mw = true;
  let wfr = true;
  for (let r = 0; r < s.n; r++) {
    if (ops[r].kind !== 'read') continue;
    const { process: p, key: x } = ops[r];
    const wr = s.rf[r];
    for (let w = 0; w < s.n; w++) if (ops[w].kind === 'write' && ops[w].key === x && before(w, r) && older(wr, w)) ryw = false;
    for (let r1 = 0; r1 < s.n; r1++) if (before(r1, r) && ops[r1].key === x && s.rf[r1] >= 0 && older(wr, s.rf[r1])) mr = false;
    // u: a write of another process q that p read before r
    for (let o = 0; o < s.n; o++) {
      const u = s.rf[o];
      if (!before(o, r) || u < 0 || ops[u].process === p) continue;
      const q = ops[u].process;
      for (const w1 of writes(q, x, (w) => w < u)) if (older(wr, w1) || (wr === w1 && ops[u].key === x)) mw = false;
      for (let r1 = 0; r1 < u; r1++) {
        if (ops[r1].process !== q || ops[r1].kind !== 'read' || ops[r1].key !== x || s.rf[r1] < 0) continue;
        if (older(wr, s.rf[r1]) || (wr === s.rf[r1] && ops[u].key === x)) wfr = false;
      }
    }
  }
  return { 'read-your-writes': ryw, 'monotonic-reads': mr, 'monotonic-writes': mw, 'writes-follow-reads': wfr };
}
