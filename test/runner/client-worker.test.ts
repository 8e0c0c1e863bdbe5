import { describe, expect, it } from 'vitest';
import type { Client } from '../../src/core/client.js';
import { ClientError } from '../../src/core/errors.js';
import type { Completion, Op } from '../../src/core/op.js';
import { clientWorker } from '../../src/runner/client-worker.js';

const op = (index: number, process = 0): Op => ({ index, time: 0, process, type: 'invoke', f: 'write', value: index });

/** A client whose behaviour per op is scripted; records opens, closes and aborts. */
function scripted(script: (op: Op, signal: AbortSignal) => Promise<Completion>) {
  const log = { opened: 0, closed: 0, aborted: 0 };
  const open = async (): Promise<Client> => {
    log.opened++;
    return {
      invoke(o, signal) {
        signal.addEventListener('abort', () => log.aborted++);
        return script(o, signal);
      },
      async close() {
        log.closed++;
      },
    };
  };
  return { open, log };
}

describe('clientWorker', () => {
  it('passes the client completion through', async () => {
    const { open } = scripted(async (o) => ({ type: 'ok', value: o.value }));
    const w = clientWorker({ open, timeoutMs: 1000 });
    expect(await w.invoke(op(1))).toEqual({ type: 'ok', value: 1 });
  });

  it('records a definite ClientError as fail and an indefinite one as info', async () => {
    const { open } = scripted(async (o) => {
      throw new ClientError(o.index === 1 ? 'refused' : 'reset', o.index === 1);
    });
    const w = clientWorker({ open, timeoutMs: 1000 });
    expect(await w.invoke(op(1))).toEqual({ type: 'fail', error: 'refused' });
    expect(await w.invoke(op(2))).toEqual({ type: 'info', error: 'reset' });
  });

  it('records any other exception as info (its effect is unknown)', async () => {
    const { open } = scripted(async () => {
      throw new TypeError('boom');
    });
    const w = clientWorker({ open, timeoutMs: 1000 });
    expect(await w.invoke(op(1))).toEqual({ type: 'info', error: 'boom' });
  });

  it('turns a timeout into info and aborts the request, even if the client ignores the signal', async () => {
    const { open, log } = scripted(() => new Promise<Completion>(() => {}));
    const w = clientWorker({ open, timeoutMs: 20 });
    expect(await w.invoke(op(1))).toEqual({ type: 'info', error: 'timeout' });
    expect(log.aborted).toBe(1);
  });

  it('opens a fresh client when the process changes after an info', async () => {
    const { open, log } = scripted(async () => ({ type: 'ok' }));
    const w = clientWorker({ open, timeoutMs: 1000 });
    await w.invoke(op(1, 3));
    await w.invoke(op(2, 3));
    expect(log).toMatchObject({ opened: 1, closed: 0 });
    await w.invoke(op(3, 9)); // process 3 retired; the worker continues as 3 + concurrency
    expect(log).toMatchObject({ opened: 2, closed: 1 });
    await w.close();
    expect(log.closed).toBe(2);
  });

  it('fails an op definitely when the client cannot be opened (nothing was sent)', async () => {
    const w = clientWorker({
      open: async () => {
        throw new Error('no route');
      },
      timeoutMs: 1000,
    });
    expect(await w.invoke(op(1))).toEqual({ type: 'fail', error: 'cannot open client: no route' });
  });
});
