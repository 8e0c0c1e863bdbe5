/**
 * The etcd client for transactions (`f: 'txn'`, micro-ops `['r', k, null]`, `['append', k, v]`,
 * `['w', k, v]`): list-append and rw-register through etcd's txn API, as optimistic read-modify-write.
 *
 * 1. Read every key the transaction touches in one read-only txn (one revision, so one snapshot), each
 *    key's JSON value and its mod_revision (0 when absent).
 * 2. Run the micro-ops on that snapshot locally: reads see the snapshot plus the transaction's own
 *    earlier writes; an append extends the key's list.
 * 3. Commit with one txn that compares the mod_revision of every touched key with what step 1 saw and,
 *    if all are unchanged, puts the written keys' new values. Read-only transactions need no commit: the
 *    snapshot read is itself one linearizable txn.
 * A compare that fails means nothing was applied (a definite outcome): start again from step 1, up to
 * `maxAttempts` times, then fail with `txn-conflict`. A commit whose outcome is unknown (timeout, lost
 * connection) is never resent: it becomes `info`.
 */
import { ClientError } from '../../src/core/errors.js';
import type { Completion, Op } from '../../src/core/op.js';
import type { GatewayCall } from './backoff-post.js';
import { b64, gatewayPost, unb64 } from './gateway.js';

type Micro = [f: string, key: string, value: unknown];

interface RangeResponse {
  response_range?: { kvs?: { value?: string; mod_revision?: string }[] };
}

/** Options of the transaction client. */
export interface TxnClientOptions {
  /** Read the snapshot from the member's local state (may be stale). */
  serializableReads: boolean;
  /** Attempts before a transaction that keeps conflicting fails (default 10). */
  maxAttempts?: number;
  /** Makes the gateway calls (default: plain `gatewayPost` to `base`; the etcd client passes its backed-off one). */
  post?: GatewayCall;
}

function microOps(op: Op): Micro[] {
  const v = op.value;
  const ok = Array.isArray(v) && v.length > 0 && v.every((m) => Array.isArray(m) && m.length === 3 && ['r', 'append', 'w'].includes(m[0]) && typeof m[1] === 'string');
  if (!ok) throw new ClientError(`txn op ${op.index}: expected a list of [f, key, value] with f r, append or w, found ${JSON.stringify(v)}`, true);
  return v as Micro[];
}

function decode(text: string | undefined, key: string): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(unb64(text));
  } catch {
    throw new ClientError(`key ${key} holds a value that is not JSON: ${JSON.stringify(unb64(text))}`, true);
  }
}

/** Runs one transaction against the member at `base`. */
export async function runTxn(base: string, op: Op, signal: AbortSignal, o: TxnClientOptions): Promise<Completion> {
  const micro = microOps(op);
  const keys = [...new Set(micro.map((m) => m[1]))];
  const post: GatewayCall = o.post ?? ((path, body, sig, readOnly) => gatewayPost(base, path, body, sig, readOnly));
  for (let attempt = 0; attempt < (o.maxAttempts ?? 10); attempt++) {
    const snap = await post('/v3/kv/txn', { success: keys.map((k) => ({ requestRange: { key: b64(k), serializable: o.serializableReads } })) }, signal, true);
    const ranges = (snap.responses ?? []) as RangeResponse[];
    const state = new Map<string, unknown>();
    const revision = new Map<string, string>();
    keys.forEach((k, i) => {
      const kv = ranges[i]?.response_range?.kvs?.[0];
      state.set(k, decode(kv?.value, k));
      revision.set(k, kv?.mod_revision ?? '0');
    });
    const written = new Set<string>();
    const out: Micro[] = micro.map(([f, k, v]) => {
      if (f === 'r') return ['r', k, structuredClone(state.get(k))];
      const cur = state.get(k);
      state.set(k, f === 'w' ? v : [...(Array.isArray(cur) ? cur : cur === null ? [] : [cur]), v]);
      written.add(k);
      return [f, k, v];
    });
    if (written.size === 0) return { type: 'ok', value: out };
    const commit = {
      compare: keys.map((k) => ({ key: b64(k), result: 'EQUAL', target: 'MOD', mod_revision: revision.get(k) })),
      success: [...written].map((k) => ({ requestPut: { key: b64(k), value: b64(JSON.stringify(state.get(k))) } })),
    };
    const reply = await post('/v3/kv/txn', commit, signal, false);
    if (reply.succeeded === true) return { type: 'ok', value: out };
  }
  throw new ClientError('txn-conflict', true);
}
