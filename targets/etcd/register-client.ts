/**
 * The etcd client for the `register` workload: read, write and compare-and-set of integer values
 * under string keys, one node per client. A cas is a txn comparing the key's value; when etcd reports
 * the compare false, the cas completes `fail` with `error: 'cas-mismatch'` (the txn itself went through
 * Raft, so the mismatch was observed linearizably). Its gateway calls back off after a refused connection
 * (backoff-post.ts) before reporting the failure, so it does not spin against a node that is down.
 */
import { ClientError } from '../../src/core/errors.js';
import type { Client } from '../../src/core/client.js';
import type { Completion, Op } from '../../src/core/op.js';
import type { NodeRef } from '../../src/core/target.js';
import { backedOffPost, type GatewayCall } from './backoff-post.js';
import { b64, unb64 } from './gateway.js';

interface RangeReply {
  kvs?: { value?: string }[];
}

function decodeValue(reply: RangeReply): number | null {
  const kv = reply.kvs?.[0];
  if (!kv) return null;
  const text = unb64(kv.value ?? '');
  const n = Number(text);
  if (!Number.isInteger(n)) throw new ClientError(`unexpected value ${JSON.stringify(text)}`, true);
  return n;
}

/** The ops this client serves. */
export const ETCD_REGISTER_OPS = ['read', 'write', 'cas'] as const;

/** Options the register client honours. */
export interface RegisterClientOptions {
  /** Serve reads from the member's local state (may be stale: not linearizable). */
  serializableReads: boolean;
}

/**
 * Opens a register client against `node`; `post` makes its gateway calls (default: its own, backing
 * off after refusals; the etcd client passes the one it shares with transactions).
 */
export function etcdRegisterClient(node: NodeRef, opts: RegisterClientOptions, post: GatewayCall = backedOffPost(`http://${node.host}:${node.clientPort}`)): Client {
  return {
    async invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      if (op.key === undefined) throw new ClientError(`register op ${op.index} has no key`, true);
      const key = b64(op.key);
      switch (op.f) {
        case 'read': {
          const body = opts.serializableReads ? { key, serializable: true } : { key };
          const reply = (await post('/v3/kv/range', body, signal, true)) as RangeReply;
          return { type: 'ok', value: decodeValue(reply) };
        }
        case 'write': {
          await post('/v3/kv/put', { key, value: b64(String(op.value)) }, signal, false);
          return { type: 'ok' };
        }
        case 'cas': {
          const [from, to] = op.value as [number, number];
          const txn = {
            compare: [{ key, result: 'EQUAL', target: 'VALUE', value: b64(String(from)) }],
            success: [{ requestPut: { key, value: b64(String(to)) } }],
          };
          const reply = await post('/v3/kv/txn', txn, signal, false);
          return reply.succeeded === true ? { type: 'ok' } : { type: 'fail', error: 'cas-mismatch' };
        }
        default:
          throw new ClientError(`etcd register client: unknown op f=${op.f}`, true);
      }
    },
    async close() {},
  };
}
