/**
 * The etcd client for the `register` workload: read, write and compare-and-set of integer values
 * under string keys, one node per client. A cas is a txn comparing the key's value; when etcd reports
 * the compare false, the cas completes `fail` with `error: 'cas-mismatch'` (the txn itself went through
 * Raft, so the mismatch was observed linearizably). After a refused connection the client backs off
 * (backoff.ts) before reporting the failure, so it does not spin against a node that is down.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ClientError } from '../../src/core/errors.js';
import type { Client } from '../../src/core/client.js';
import type { Completion, Op } from '../../src/core/op.js';
import type { NodeRef } from '../../src/core/target.js';
import { refusalBackoff } from './backoff.js';
import { b64, gatewayPost, RefusedError, unb64 } from './gateway.js';

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

/** Opens a register client against `node`. */
export function etcdRegisterClient(node: NodeRef, opts: RegisterClientOptions): Client {
  const base = `http://${node.host}:${node.clientPort}`;
  const backoff = refusalBackoff();
  const post = async (path: string, body: unknown, signal: AbortSignal, readOnly: boolean) => {
    try {
      const reply = await gatewayPost(base, path, body, signal, readOnly);
      backoff.reset();
      return reply;
    } catch (e) {
      if (!(e instanceof RefusedError)) backoff.reset();
      // Still a definite failure if the op's timeout ends the wait.
      else await sleep(backoff.refused(), undefined, { signal }).catch(() => undefined);
      throw e;
    }
  };
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
