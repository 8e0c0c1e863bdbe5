/**
 * A client worker: one per client thread. It owns the thread's client, opens it lazily, enforces the
 * per-op timeout and turns every outcome into a `Completion` — it never throws:
 *  - the client's own completion passes through;
 *  - a `ClientError` with `definite: true` → `fail`; any other error → `info`;
 *  - the timeout → `info` (the request is aborted, but may still have taken effect).
 * When the interpreter hands it an op from a new process (the old one was retired by an `info`), the
 * worker closes its client and opens a fresh one, as Jepsen does.
 */
import type { Client } from '../core/client.js';
import { ClientError, describeError } from '../core/errors.js';
import type { Completion, Op, ProcessId } from '../core/op.js';

export interface ClientWorkerOptions {
  /** Opens a fresh client (for this thread's node). */
  open(): Promise<Client>;
  /** Per-op timeout in milliseconds. */
  timeoutMs: number;
  /** Harness log, for client errors worth recording. */
  log?(msg: string): void;
}

export interface ClientWorker {
  invoke(op: Op): Promise<Completion>;
  close(): Promise<void>;
}

const TIMED_OUT = Symbol('timed-out');

/** Creates the worker for one client thread. */
export function clientWorker(o: ClientWorkerOptions): ClientWorker {
  let client: Client | undefined;
  let process: ProcessId | undefined;

  const retire = () => {
    const old = client;
    client = undefined;
    old?.close().catch(() => {});
  };

  const perform = async (op: Op): Promise<Completion> => {
    if (process !== undefined && op.process !== process) retire();
    process = op.process;
    if (!client) {
      try {
        client = await o.open();
      } catch (e) {
        // Nothing was sent: the op certainly did not happen.
        return { type: 'fail', error: `cannot open client: ${describeError(e)}` };
      }
    }
    const ctrl = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => {
        ctrl.abort();
        resolve(TIMED_OUT);
      }, o.timeoutMs);
    });
    try {
      const r = await Promise.race([client.invoke(op, ctrl.signal), timeout]);
      if (r === TIMED_OUT) return { type: 'info', error: 'timeout' };
      return r;
    } catch (e) {
      if (ctrl.signal.aborted) return { type: 'info', error: 'timeout' };
      if (e instanceof ClientError) return { type: e.definite ? 'fail' : 'info', error: e.message };
      o.log?.(`client error on op ${op.index} (${op.f}): ${describeError(e)}`);
      return { type: 'info', error: describeError(e) };
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    invoke: perform,
    async close() {
      const c = client;
      client = undefined;
      await c?.close().catch(() => {});
    },
  };
}
