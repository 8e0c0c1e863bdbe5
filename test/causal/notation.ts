/**
 * Histories in the paper's notation, for tests: one array per process of `w(x,1)` (write 1 to x) and
 * `r(x,1)` (read 1 from x); `r(x,0)` reads the initial value, as in the paper. Op ids are positions in
 * the concatenation of the processes, in the order given.
 */
import type { HistoryOp } from '../../src/causal/index.js';

/** Parses processes of ops in the paper's notation into engine ops (process i is the i-th array). */
export function hist(...processes: string[][]): HistoryOp[] {
  const out: HistoryOp[] = [];
  processes.forEach((ops, process) => {
    for (const text of ops) {
      const m = /^([rw])\((\w+),(\d+)\)$/.exec(text.replace(/\s/g, ''));
      if (!m) throw new Error(`bad op ${text}`);
      const value = Number(m[3]);
      out.push({ id: out.length, process, kind: m[1] === 'r' ? 'read' : 'write', key: m[2], value: m[1] === 'r' && value === 0 ? null : value });
    }
  });
  return out;
}
