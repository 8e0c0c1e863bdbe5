/**
 * Process-order and real-time edges between the transactions that may have committed (`ok` and `info`).
 *
 * Process order: each transaction follows the last `ok` one its process ran before it (a process has one
 * transaction in flight at a time). A transaction of unknown outcome (`info`) is ordered after its
 * predecessors but nothing is ordered after it: it may take effect any time after its invoke, even
 * after later transactions of its process (Jepsen retires the process after an `info`, but a history
 * from elsewhere may not). Failed transactions are left out.
 *
 * Real time: T1 precedes T2 when T1's completion comes before T2's invoke in the history. Linking every
 * such pair is quadratic, so only a transitive reduction's worth is added, with a frontier: the `ok`
 * transactions that have completed and that no transaction invoked after their completion has itself
 * completed yet.
 *  - At T's invoke, an edge from each frontier member to T (each completed before T's invoke: sound).
 *  - At T's completion, T joins the frontier and the members T received edges from leave it: those that
 *    completed before T's invoke (members only leave, so those present now were present then).
 *  - Complete up to transitivity: if X completed before T's invoke but is not in the frontier then, some
 *    Y removed it — Y got an edge from X, completed before T's invoke, and by induction reaches T.
 *  - Small: two frontier members overlap in time (the later-completing one was invoked before the other
 *    completed, or its completion would have removed it), and pairwise overlapping intervals share a
 *    point, so the frontier never holds more transactions than were in flight at once.
 */
import { Bit } from './edge-bits.js';
import type { Arena } from './arena.js';
import type { GraphBuilder } from './graph.js';
import { TxnStatus, type Txns } from './types.js';

/** Adds process-order edges. */
export function addProcessEdges(txns: Txns, g: GraphBuilder): void {
  const last = new Map<number | string, number>();
  for (let t = 0; t < txns.count; t++) {
    const s = txns.status[t];
    if (s === TxnStatus.fail) continue;
    const prev = last.get(txns.process[t]);
    if (prev !== undefined) g.add(prev, t, Bit.process);
    if (s === TxnStatus.ok) last.set(txns.process[t], t);
  }
}

/** Adds real-time edges (a transitive reduction's worth); transaction ids are in invoke order. */
export function addRealtimeEdges(txns: Txns, g: GraphBuilder, arena: Arena): void {
  const { status, invokePos, completePos } = txns;
  const done = okByCompletion(txns, arena);
  const frontier: number[] = [];
  let c = 0;
  for (let t = 0; t < txns.count; t++) {
    while (c < done.length && completePos[done[c]] < invokePos[t]) {
      // The members that completed before this one was invoked are the ones it received edges from.
      const d = done[c++];
      let kept = 0;
      for (const x of frontier) if (completePos[x] > invokePos[d]) frontier[kept++] = x;
      frontier.length = kept;
      frontier.push(d);
    }
    if (status[t] === TxnStatus.fail) continue;
    for (const f of frontier) g.add(f, t, Bit.realtime);
  }
}

/** The ids of the `ok` transactions, in completion order. */
export function okByCompletion(txns: Txns, arena: Arena): Int32Array {
  let n = 0;
  for (let t = 0; t < txns.count; t++) if (txns.status[t] === TxnStatus.ok) n++;
  const done = arena.i32(n);
  for (let t = 0, i = 0; t < txns.count; t++) if (txns.status[t] === TxnStatus.ok) done[i++] = t;
  return done.sort((a, b) => txns.completePos[a] - txns.completePos[b]);
}
