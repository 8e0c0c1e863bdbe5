/**
 * The faultline `Client` for raft-kv: maps history ops onto the raft-kv API.
 *
 *   {f:'read',   key, value:null}        → ok with the value (null when absent)
 *   {f:'write',  key, value:v}           → ok
 *   {f:'cas',    key, value:[from, to]}  → ok if swapped; fail with error 'cas-mismatch' if not
 *   {f:'append', key, value:v}           → ok (v appended to the list under key)
 *   {f:'txn',    value:[[f,k,v],…]}      → ok with reads filled in; f is 'r', 'w' or 'append'
 *   {f:'add',    key, value:v}           → ok (v added to the set under key)
 *   {f:'incr',   key, value:d}           → ok (integer d added to the counter under key)
 *
 * `read` returns whatever the key holds: a register's value, a set as its sorted array of elements,
 * a counter as a number. An op of another kind than the key holds fails with error 'wrong-type'.
 *
 * Errors become ClientErrors (definite → fail, otherwise info) as decided by KvClient: a write that
 * may have been proposed is never reported as failed.
 */
import type { Client } from '../../../src/core/client.js';
import { ClientError } from '../../../src/core/errors.js';
import { ANSWER_CODES } from '../../../src/core/error-codes.js';
import type { Completion, Op } from '../../../src/core/op.js';
import type { NodeRef } from '../../../src/core/target.js';
import type { MicroOp } from '../kv/protocol.js';
import { KvClient, type KvClientOptions, type KvOperation } from './kv-client.js';

/** The `f`s this client understands. */
export const KV_CLIENT_OPS = ['read', 'write', 'cas', 'append', 'txn', 'add', 'incr'] as const;

/** State-machine refusals that certainly changed nothing (answers, in the error table): `fail` with this error. */
const DEFINITE_FAILS = new Set<string>(ANSWER_CODES);

function toOperation(op: Op): KvOperation {
  const needKey = (): string => {
    if (op.key === undefined) throw new ClientError(`raft-kv: ${op.f} op ${op.index} has no key`, true);
    return op.key;
  };
  switch (op.f) {
    case 'read':
      return { f: 'read', key: needKey() };
    case 'write':
      return { f: 'write', key: needKey(), value: op.value as never };
    case 'cas':
      return { f: 'cas', key: needKey(), value: op.value as never };
    case 'append':
      return { f: 'append', key: needKey(), value: op.value as never };
    case 'txn':
      return { f: 'txn', value: op.value as MicroOp[] };
    case 'add':
      return { f: 'add', key: needKey(), value: op.value as never };
    case 'incr':
      if (!Number.isSafeInteger(op.value)) throw new ClientError(`raft-kv: incr op ${op.index} needs an integer value, got ${JSON.stringify(op.value)}`, true);
      return { f: 'incr', key: needKey(), value: op.value as number };
    default:
      throw new ClientError(`raft-kv: unsupported op f=${op.f}`, true);
  }
}

/** Opens a client whose first attempts go to `home`. */
export function kvOpsClient(nodes: readonly NodeRef[], home: NodeRef, opts: KvClientOptions = {}): Client {
  const kv = new KvClient(nodes, home, opts);
  return {
    async invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      const result = await kv.call(toOperation(op), signal);
      if (result.type === 'ok') {
        if (op.f === 'read' || op.f === 'txn') return { type: 'ok', value: result.value ?? null };
        return { type: 'ok', value: op.value };
      }
      if (DEFINITE_FAILS.has(result.error)) return { type: 'fail', value: op.value, error: result.error };
      throw new ClientError(`raft-kv: ${result.error}`, false);
    },
    async close() {
      kv.close();
    },
  };
}
