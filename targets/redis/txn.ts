/**
 * Transactions (`f: 'txn'`, micro-ops `['r', k, null]`, `['append', k, v]`, `['w', k, v]`) as one
 * MULTI … EXEC: Redis runs the queued commands one after another with nothing in between, so on one
 * server a transaction is serializable. Lists (list-append): append → RPUSH, r → LRANGE k 0 -1.
 * Registers (rw-register): w → SET, r → GET. A transaction that writes is followed by WAIT when asked.
 *
 * EXEC answering an error (EXECABORT: a queued command was refused, e.g. READONLY on a demoted
 * primary) means nothing ran: `fail`. An EXEC whose results hold an error ran the other commands:
 * `info`.
 */
import { ClientError } from '../../src/core/errors.js';
import type { Op } from '../../src/core/op.js';
import type { Command } from './connection.js';
import { afterWait, decode, encode, valueOf, waitCommand, type OpPlan, type WriteOptions } from './replies.js';

type Micro = [f: string, key: string, value: unknown];

function microOps(op: Op): Micro[] {
  const v = op.value;
  const ok = Array.isArray(v) && v.length > 0 && v.every((m) => Array.isArray(m) && m.length === 3 && ['r', 'append', 'w'].includes(m[0]) && typeof m[1] === 'string');
  if (!ok) throw new ClientError(`txn op ${op.index}: expected a list of [f, key, value] with f r, append or w, found ${JSON.stringify(v)}`, true);
  return v as Micro[];
}

/** The MULTI … EXEC batch for `op`; `reads` says what a read of a key returns: a list or a register. */
export function planTxnOp(op: Op, reads: 'list' | 'register', o: WriteOptions): OpPlan {
  const micro = microOps(op);
  const writes = micro.some(([f]) => f !== 'r');
  const queued: Command[] = micro.map(([f, k, v]) => {
    if (f === 'append') return ['rpush', k, encode(v)];
    if (f === 'w') return ['set', k, encode(v)];
    return reads === 'list' ? ['lrange', k, 0, -1] : ['get', k];
  });
  const readOnly = !writes;
  return {
    commands: [['multi'], ...queued, ['exec'], ...(writes ? waitCommand(o) : [])],
    readOnly,
    complete(replies) {
      valueOf(replies[0], readOnly); // MULTI
      // A queued command refused (e.g. READONLY) shows again as EXECABORT on EXEC: definite.
      const results = valueOf(replies[queued.length + 1], readOnly);
      if (!Array.isArray(results) || results.length !== queued.length) throw new ClientError(`EXEC answered ${JSON.stringify(results)}`, readOnly);
      const failed = results.find((r): r is Error => r instanceof Error);
      if (failed) throw new ClientError(`in transaction: ${failed.message}`, readOnly);
      const value = micro.map(([f, k, v], i): Micro => {
        if (f !== 'r') return [f, k, v];
        const r = results[i];
        return ['r', k, reads === 'list' ? (Array.isArray(r) ? r.map(decode) : []) : decode(r)];
      });
      return writes ? afterWait(replies, o, { type: 'ok', value }) : { type: 'ok', value };
    },
  };
}
