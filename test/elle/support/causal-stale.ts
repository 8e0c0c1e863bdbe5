/**
 * Stale reads in a transaction's causal past, for the causal-search tests: in a list-append history, the
 * reads that hold a value whose appender causally precedes the reader even without that read (a chain
 * of transactions, each reading a value the one before appended, leads from the appender to the
 * reader). Cutting such a read short before the value is a transactional-causal violation.
 */
import type { Op } from '../../../src/core/op.js';

type Mop = [string, string | number, unknown];

/** A read (micro-op `at` of the completion `op`) whose element `i` was appended in its causal past `depth` steps back. */
export interface CausalStale {
  op: Op;
  at: number;
  i: number;
  depth: number;
}

/** The transactions whose appends `r` reads (all of each list), leaving out read number `skip` of `r`. */
function seenBy(r: Op, appender: Map<string, Op>, skip = -1): Op[] {
  const out: Op[] = [];
  (r.value as Mop[]).forEach(([f, k, v], i) => {
    if (f !== 'r' || i === skip) return;
    for (const e of v as unknown[]) {
      const w = appender.get(`${k}/${e}`);
      if (w && w !== r) out.push(w);
    }
  });
  return out;
}

/** Every candidate of `h` among reads of a key their transaction touches only there. */
export function causalStaleReads(h: Op[]): CausalStale[] {
  const ok = h.filter((op) => op.type === 'ok');
  const appender = new Map<string, Op>();
  for (const op of ok) for (const [f, k, v] of op.value as Mop[]) if (f === 'append') appender.set(`${k}/${v}`, op);
  const out: CausalStale[] = [];
  for (const r of ok) {
    (r.value as Mop[]).forEach(([f, k, v], at) => {
      if (f !== 'r' || (r.value as Mop[]).filter((m) => m[1] === k).length !== 1) return;
      const depth = new Map<Op, number>(seenBy(r, appender, at).map((t) => [t, 1]));
      const queue = [...depth.keys()];
      while (queue.length > 0) {
        const t = queue.shift() as Op;
        for (const u of seenBy(t, appender)) {
          if (depth.has(u)) continue;
          depth.set(u, (depth.get(t) as number) + 1);
          queue.push(u);
        }
      }
      (v as unknown[]).forEach((e, i) => {
        const w = appender.get(`${k}/${e}`) as Op;
        if (depth.has(w)) out.push({ op: r, at, i, depth: depth.get(w) as number });
      });
    });
  }
  return out;
}

/** `h` with the candidate's read cut short before its element `i`. */
export function cutShort(h: Op[], c: CausalStale): Op[] {
  const list = ((c.op.value as Mop[])[c.at][2] as unknown[]).slice(0, c.i);
  return h.map((o) => (o !== c.op ? o : { ...o, value: (o.value as Mop[]).map((m, j) => (j === c.at ? [m[0], m[1], list] : m)) }));
}
