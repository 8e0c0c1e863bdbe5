/**
 * Clients: one per worker, bound to one node. A client turns an op into a request and the reply into
 * a `Completion`. It maps errors itself where it knows better (a failed compare is a definite `fail`);
 * anything it throws is classified by the runner: a `ClientError` with `definite: true` → `fail`,
 * anything else → `info`. The runner enforces the per-op timeout and aborts `signal` when it expires.
 */
import type { Completion, Op } from './op.js';

export interface Client {
  invoke(op: Op, signal: AbortSignal): Promise<Completion>;
  close(): Promise<void>;
}

/** A client that completes every op `ok` with its own value, for tests and the overhead benchmark. */
export function noopClient(): Client {
  return {
    async invoke(op) {
      return { type: 'ok', value: op.value };
    },
    async close() {},
  };
}
