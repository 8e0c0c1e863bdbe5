/**
 * The final reads of a history, for the sequential consistency checker: reads invoked after every
 * update (write, cas, put, append) of the whole history had completed — the reads a workload makes once
 * the load and the faults are over (the register workload's read-back). A process never has an update
 * after one of them (that update would have been invoked later, so completed later), so in every
 * process they form a suffix.
 *
 * That is what lets per-key orders combine although the final reads visit the keys in an order of
 * their own: if each key has a sequential order in which its final reads come after all its other
 * operations, and the other operations visit the keys in one common order (sequential-keys.ts), then
 * the keys' orders without their final reads, concatenated in that order, followed by every final read,
 * is a sequential order of the whole history: each final read then sees its key's last state, exactly
 * as in its key's order, and the final reads, being reads, may follow each process's order among
 * themselves.
 */
import type { Op } from '../core/op.js';
import type { Converted, LinearizableModelName } from './linearizable-ops.js';

const READ: Record<LinearizableModelName, string> = { register: 'read', 'cas-register': 'read', kv: 'get' };

/** Per operation of `conv`: 1 if it is a final read of `history` (see the header). */
export function finalReads(model: LinearizableModelName, conv: Converted, history: readonly Op[]): Uint8Array {
  const read = READ[model];
  const invoked = new Map<number | string, number>();
  let updatesDone = 0;
  for (const op of history) {
    if (op.process === 'nemesis' || op.f === read) continue;
    if (op.type === 'invoke') invoked.set(op.process, op.time);
    else if (invoked.delete(op.process)) updatesDone = Math.max(updatesDone, op.time);
  }
  // An update that never completed could take effect at any time: then no read is final.
  if (invoked.size > 0) return new Uint8Array(conv.operations.length);
  return Uint8Array.from(conv.pairs, (p) => (p.invoke.f === read && p.invoke.time > updatesDone ? 1 : 0));
}
