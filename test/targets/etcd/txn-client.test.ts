/**
 * The etcd transaction client never resends a commit whose outcome is unknown: against a real HTTP
 * server on loopback that speaks etcd's JSON gateway for the snapshot read and then times out, or
 * drops the connection on, the commit, the client sends the commit once and reports an indefinite
 * error (the op becomes `info`). Only a commit whose compare failed (a definite "nothing applied") is
 * retried from a fresh snapshot.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientError } from '../../../src/core/errors.js';
import type { Op } from '../../../src/core/op.js';
import { runTxn } from '../../../targets/etcd/txn-client.js';

type OnCommit = (req: IncomingMessage, res: ServerResponse, n: number) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A gateway stand-in: snapshot reads (`success` of requestRange only) answer empty keys; commits (`compare`) go to `onCommit`. */
async function gateway(onCommit: OnCommit): Promise<{ base: string; commits: () => number; reads: () => number }> {
  let commits = 0;
  let reads = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const json = JSON.parse(body) as { compare?: unknown[] };
      if (req.url !== '/v3/kv/txn') return void res.writeHead(404).end('{}');
      if (json.compare) return onCommit(req, res, ++commits);
      reads++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ succeeded: true, responses: [{ response_range: {} }] }));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, commits: () => commits, reads: () => reads };
}

const op: Op = { index: 0, time: 0, process: 0, type: 'invoke', f: 'txn', value: [['append', 'x', 1], ['r', 'x', null]] };

async function outcome(base: string, signal: AbortSignal): Promise<unknown> {
  try {
    return await runTxn(base, op, signal, { serializableReads: false });
  } catch (e) {
    return e;
  }
}

describe('etcd txn client: a commit of unknown outcome is never resent', () => {
  it('a commit that times out (no answer before the op timeout) is sent once and is indefinite', async () => {
    const g = await gateway(() => {}); // never answers
    const e = await outcome(g.base, AbortSignal.timeout(1_500));
    expect(e).toBeInstanceOf(ClientError);
    expect([(e as ClientError).definite, (e as ClientError).message]).toEqual([false, 'timed out']);
    expect([g.reads(), g.commits()]).toEqual([1, 1]);
  });

  it('a commit whose connection is dropped before any answer is sent once and is indefinite', async () => {
    const g = await gateway((req) => req.socket.destroy());
    const e = await outcome(g.base, AbortSignal.timeout(30_000));
    expect(e).toBeInstanceOf(ClientError);
    expect((e as ClientError).definite).toBe(false);
    expect((e as ClientError).message).toMatch(/^connection error: /);
    expect([g.reads(), g.commits()]).toEqual([1, 1]);
  });

  it('a commit answered with a 5xx is sent once and is indefinite', async () => {
    const g = await gateway((_req, res) => res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'etcdserver: request timed out' })));
    const e = await outcome(g.base, AbortSignal.timeout(30_000));
    expect([(e as ClientError).definite, (e as ClientError).message]).toEqual([false, 'HTTP 503: etcdserver: request timed out']);
    expect(g.commits()).toBe(1);
  });

  it('a commit whose compare failed is retried from a fresh snapshot, and then ok', async () => {
    const g = await gateway((_req, res, n) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(n < 3 ? {} : { succeeded: true })));
    const r = await outcome(g.base, AbortSignal.timeout(30_000));
    expect(r).toEqual({ type: 'ok', value: [['append', 'x', 1], ['r', 'x', [1]]] });
    expect([g.reads(), g.commits()]).toEqual([3, 3]);
  });
});
