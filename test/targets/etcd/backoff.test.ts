/**
 * The etcd client does not spin against a node that is down: after a refused connection it waits
 * (50 ms, doubling to 1 s) before reporting the failure, and starts again from 50 ms once the node
 * answers. The policy is checked exactly; the client against a real closed port and a real HTTP
 * server on it. Only lower bounds on elapsed time are asserted (a slower machine only waits longer).
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientError } from '../../../src/core/errors.js';
import type { Op } from '../../../src/core/op.js';
import { refusalBackoff } from '../../../targets/etcd/backoff.js';
import { etcdTarget } from '../../../targets/etcd/index.js';
import { etcdRegisterClient } from '../../../targets/etcd/register-client.js';
import { portClosed } from '../../support/ports.js';

const write = (index: number): Op => ({ index, time: 0, process: 0, type: 'invoke', f: 'write', value: index, key: 'k' });
const txn = (index: number): Op => ({ index, time: 0, process: 0, type: 'invoke', f: 'txn', value: [['append', 'k', index], ['r', 'k', null]] });

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** A free loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  expect(await portClosed(port)).toBe(true);
  return port;
}

describe('refusal backoff', () => {
  it('waits 50 ms after a refusal, doubling to 1 s, and starts again after an answer', () => {
    const b = refusalBackoff();
    expect(Array.from({ length: 7 }, () => b.refused())).toEqual([50, 100, 200, 400, 800, 1000, 1000]);
    b.reset();
    expect([b.refused(), b.refused()]).toEqual([50, 100]);
    expect(() => refusalBackoff(0, 10)).toThrow(RangeError);
  });

  it('the etcd client backs off after each refused connection, and still reports it as a definite failure', async () => {
    const port = await closedPort();
    const client = etcdRegisterClient({ name: 'n1', host: '127.0.0.1', clientPort: port } as never, { serializableReads: false });
    const waited: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      const err = await client.invoke(write(i), AbortSignal.timeout(10_000)).catch((e: unknown) => e);
      waited.push(performance.now() - t0);
      expect(err).toBeInstanceOf(ClientError);
      expect(err).toMatchObject({ definite: true, message: 'connection error: ECONNREFUSED' });
    }
    // 50 + 100 + 200 + 400 ms of backing off, at the least (1 ms of timer slack each).
    expect(waited.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(746);
    expect(waited[3]).toBeGreaterThanOrEqual(399);

    // The node comes back: an answer, then the next refusal waits 50 ms again, not 800.
    server = createServer((_q, s) => s.end('{}'));
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    expect(await client.invoke(write(5), AbortSignal.timeout(10_000))).toEqual({ type: 'ok' });
    await new Promise((r) => server!.close(r));
    server = undefined;
    const t0 = performance.now();
    await expect(client.invoke(write(6), AbortSignal.timeout(10_000))).rejects.toMatchObject({ definite: true });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(49);
    await client.close();
  });

  it('a transaction to a refusing node backs off too, on the same back-off as the register ops of its client', async () => {
    const port = await closedPort();
    const client = await etcdTarget.openClient({ name: 'n1', host: '127.0.0.1', clientPort: port } as never, { opts: { 'serializable-reads': false } } as never);
    const waited: number[] = [];
    for (const op of [txn(0), txn(1), txn(2), write(3)]) {
      const t0 = performance.now();
      const err = await client.invoke(op, AbortSignal.timeout(10_000)).catch((e: unknown) => e);
      waited.push(performance.now() - t0);
      expect(err).toBeInstanceOf(ClientError);
      expect(err).toMatchObject({ definite: true, message: 'connection error: ECONNREFUSED' });
    }
    // Three refused txns wait 50 + 100 + 200 ms; the write after them continues the same back-off: 400 ms.
    expect(waited[0]).toBeGreaterThanOrEqual(49);
    expect(waited[2]).toBeGreaterThanOrEqual(199);
    expect(waited[3]).toBeGreaterThanOrEqual(399);
    await client.close();
  });
});
