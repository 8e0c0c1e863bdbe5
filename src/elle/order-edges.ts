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
 *  - At T's completion, T joins the frontier and the members T received edges from leave it.
 *  - Complete up to transitivity: if X completed before T's invoke but is not in the frontier then, some
 *    Y removed it — Y got an edge from X, completed before T's invoke, and by induction reaches T.
 *  - Small: two frontier members overlap in time (the later-completing one was invoked before the other
 *    completed, or its completion would have removed it), and pairwise overlapping intervals share a
 *    point, so the frontier never holds more transactions than were in flight at once.
 */
import { Bit } from './edge-bits.js';
import type { GraphBuilder } from './graph.js';
import type { Txn } from './types.js';

/** Adds process-order edges. */
export function addProcessEdges(txns: readonly Txn[], g: GraphBuilder): void {
  const last = new Map<number | string, number>();
  for (const t of txns) {
    if (t.status === 'fail') continue;
    const prev = last.get(t.process);
    if (prev !== undefined) g.add(prev, t.id, Bit.process);
    if (t.status === 'ok') last.set(t.process, t.id);
  }
}

/** Adds real-time edges (a transitive reduction's worth); `txns` are in invoke order. */
export function addRealtimeEdges(txns: readonly Txn[], g: GraphBuilder): void {
  const done = txns.filter((t) => t.status === 'ok').sort((a, b) => a.completePos - b.completePos);
  let frontier: number[] = [];
  const preds = new Map<number, number[]>();
  let c = 0;
  const complete = (t: Txn): void => {
    const p = preds.get(t.id) ?? [];
    preds.delete(t.id);
    frontier = p.length === 0 ? frontier : frontier.filter((x) => !p.includes(x));
    frontier.push(t.id);
  };
  for (const t of txns) {
    while (c < done.length && done[c].completePos < t.invokePos) complete(done[c++]);
    if (t.status === 'fail') continue;
    for (const f of frontier) g.add(f, t.id, Bit.realtime);
    if (t.status === 'ok') preds.set(t.id, frontier.slice());
  }
}
