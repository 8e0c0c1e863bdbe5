/**
 * Link proxies with real sockets on loopback: two "nodes" a and b, each a collector server that
 * decodes length-prefixed frames; a sender dials the proxy of a directed link and writes frames.
 * Timing is never asserted: delay is shown by order against an undelayed control link, and a
 * throttle by an upper bound on the bytes delivered by each moment (load only makes that smaller).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { frameSplitter } from '../../src/runtimes/link-proxy-frames.js';
import { LinkProxySet } from '../../src/runtimes/link-proxy-set.js';
import { proxyAbilities } from '../../src/runtimes/local-faults.js';
import { encodeFrame, FrameDecoder } from '../../targets/raft-kv/server/frames.js';

interface Collector {
  server: Server;
  port: number;
  got: unknown[];
  sockets: Socket[];
}

async function collector(): Promise<Collector> {
  const c: Collector = { server: createServer(), port: 0, got: [], sockets: [] };
  c.server.on('connection', (s) => {
    c.sockets.push(s);
    const d = new FrameDecoder();
    s.on('data', (chunk) => c.got.push(...d.push(chunk)));
    s.on('error', () => {});
  });
  await new Promise<void>((r) => c.server.listen(0, '127.0.0.1', r));
  c.port = (c.server.address() as { port: number }).port;
  return c;
}

const open: Array<{ close(): unknown }> = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const o of open.splice(0).reverse()) await o.close();
});

async function setup(framed = true) {
  const a = await collector();
  const b = await collector();
  open.push({ close: () => new Promise((r) => a.server.close(r)) }, { close: () => new Promise((r) => b.server.close(r)) });
  for (const c of [a, b]) open.push({ close: () => c.sockets.forEach((s) => s.destroy()) });
  const proxies = await LinkProxySet.start({
    upstreams: new Map([['a', { host: '127.0.0.1', port: a.port }], ['b', { host: '127.0.0.1', port: b.port }]]),
    framed,
    seed: 42,
  });
  open.push(proxies);
  return { a, b, proxies };
}

async function dial(proxies: LinkProxySet, from: string, to: string): Promise<Socket> {
  const { host, port } = proxies.address(from, to);
  const s = connect({ host, port });
  sockets.push(s);
  s.on('error', () => {});
  await new Promise<void>((r) => s.once('connect', () => r()));
  return s;
}

/** Waits (bounded) until `cond` holds. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('frame splitter', () => {
  it('yields whole frames however the stream is chunked', () => {
    const frames = [encodeFrame({ x: 1 }), encodeFrame('a'.repeat(300)), encodeFrame([1, 2, 3])];
    const all = Buffer.concat(frames);
    for (const size of [1, 3, 7, 64, all.length]) {
      const s = frameSplitter();
      const out: Buffer[] = [];
      for (let i = 0; i < all.length; i += size) out.push(...s.push(all.subarray(i, i + size)));
      expect(out.map((b) => b.toString('hex'))).toEqual(frames.map((b) => b.toString('hex')));
    }
  });
});

describe('link proxies', () => {
  it('forwards frames whole and in order when the link is healthy', async () => {
    const { b, proxies } = await setup();
    const s = await dial(proxies, 'a', 'b');
    for (let i = 0; i < 50; i++) s.write(encodeFrame({ i }));
    await until(() => b.got.length === 50, '50 frames');
    expect(b.got).toEqual(Array.from({ length: 50 }, (_, i) => ({ i })));
  });

  it('black-holes a cut link: frames vanish, the connection stays open, and traffic resumes on heal', async () => {
    const { a, b, proxies } = await setup();
    const ab = await dial(proxies, 'a', 'b');
    const ba = await dial(proxies, 'b', 'a');
    ab.write(encodeFrame('before'));
    await until(() => b.got.length === 1, 'first frame');
    proxies.partition({ b: ['a'] }); // b cannot hear a: link a→b cut, b→a untouched (one-way)
    ab.write(encodeFrame('during'));
    ba.write(encodeFrame('reverse'));
    await until(() => a.got.length === 1, 'the reverse link still works');
    await until(() => proxies.state('a', 'b').dropped === 1, 'the cut frame dropped');
    expect(b.got).toEqual(['before']);
    expect(ab.destroyed).toBe(false);
    proxies.partition({});
    ab.write(encodeFrame('after'));
    await until(() => b.got.length === 2, 'frame after heal');
    expect(b.got).toEqual(['before', 'after']);
  });

  it('holds a connection opened during a black-hole without reaching the node, and connects it on heal', async () => {
    const { b, proxies } = await setup();
    proxies.partition({ b: ['a'] });
    const s = await dial(proxies, 'a', 'b');
    s.write(encodeFrame('lost'));
    await until(() => proxies.state('a', 'b').dropped === 1, 'drop');
    expect(b.sockets).toHaveLength(0);
    proxies.partition({});
    s.write(encodeFrame('found'));
    await until(() => b.got.length === 1, 'frame after heal');
    expect(b.got).toEqual(['found']);
  });

  it('resets connections of a link cut in reset mode, and new ones on accept', async () => {
    const { proxies } = await setup();
    const s = await dial(proxies, 'a', 'b');
    const closed = new Promise<void>((r) => s.once('close', () => r()));
    proxies.partition({ b: ['a'] }, 'reset');
    await closed;
    const again = connect(proxies.address('a', 'b'));
    sockets.push(again);
    again.on('error', () => {});
    await new Promise<void>((r) => again.once('close', () => r()));
  });

  it('delays frames on one link behind an undelayed link, keeping their order', async () => {
    const { a, b, proxies } = await setup();
    // a→b is delayed, b→a (the control) is not: one arrival sequence across both collectors shows
    // the control frame, sent after the delayed ones, arriving first.
    const seq: string[] = [];
    const watch = (c: typeof a, tag: string) => {
      let seen = 0;
      const t = setInterval(() => {
        while (seen < c.got.length) seq.push(`${tag}:${String(c.got[seen++])}`);
      }, 1);
      open.push({ close: () => clearInterval(t) });
    };
    watch(a, 'a');
    watch(b, 'b');
    proxies.setFaults([{ from: 'a', to: 'b' }], { delayMs: 400, jitterMs: 50 });
    const ab = await dial(proxies, 'a', 'b');
    const ba = await dial(proxies, 'b', 'a');
    for (let i = 0; i < 5; i++) ab.write(encodeFrame(`d${i}`));
    ba.write(encodeFrame('control'));
    await until(() => b.got.length === 5 && a.got.length === 1, 'all frames');
    expect(seq[0]).toBe('a:control');
    expect(b.got).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
  });

  it('loses whole frames at random, and all of them at loss 1', async () => {
    const { b, proxies } = await setup();
    proxies.setFaults([{ from: 'a', to: 'b' }], { loss: 0.5 });
    const s = await dial(proxies, 'a', 'b');
    for (let i = 0; i < 200; i++) s.write(encodeFrame({ i }));
    await until(() => proxies.state('a', 'b').delivered + proxies.state('a', 'b').dropped === 200, '200 frames seen');
    await until(() => b.got.length === proxies.state('a', 'b').delivered, 'delivered frames');
    expect(b.got.length).toBeGreaterThan(0);
    expect(b.got.length).toBeLessThan(200);
    const is = (b.got as Array<{ i: number }>).map((x) => x.i);
    expect(is).toEqual([...is].sort((x, y) => x - y)); // whole frames, in order
    proxies.setFaults([{ from: 'a', to: 'b' }], { loss: 1 });
    const before = b.got.length;
    for (let i = 0; i < 20; i++) s.write(encodeFrame({ late: i }));
    await until(() => proxies.state('a', 'b').dropped >= 200 - before + 20, 'all lost');
    expect(b.got.length).toBe(before);
  });

  it('duplicates whole frames', async () => {
    const { b, proxies } = await setup();
    proxies.setFaults([{ from: 'a', to: 'b' }], { duplicate: 1 });
    const s = await dial(proxies, 'a', 'b');
    for (let i = 0; i < 10; i++) s.write(encodeFrame(i));
    await until(() => b.got.length === 20, '20 frames');
    expect(b.got).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
  });

  for (const framed of [true, false]) {
    it(`throttles bandwidth: bytes arrive no faster than the rate allows (${framed ? 'framed' : 'unframed'} link)`, async () => {
      const { b, proxies } = await setup(framed);
      // Bytes per second. An unframed link's unit is a socket read (up to 64 kB), which must wait
      // for its whole size to pass: a higher rate keeps that first wait short.
      const rate = framed ? 20_000 : 100_000;
      proxies.setFaults([{ from: 'a', to: 'b' }], { bytesPerSecond: rate });
      const s = await dial(proxies, 'a', 'b');
      await until(() => b.sockets.length === 1, 'the proxy connected to b');
      const frame = encodeFrame('x'.repeat(1000));
      // 200 kB at once: seconds at the rate, a few milliseconds on loopback without a throttle. Load can
      // only slow delivery down, so an upper bound on what arrived by each moment is safe to assert.
      let received = 0;
      let worst = { received: 0, allowed: Infinity, ms: 0 };
      const sent = performance.now();
      b.sockets[0]!.on('data', (chunk: Buffer) => {
        received += chunk.length;
        const ms = performance.now() - sent;
        const allowed = 2 * rate * (ms / 1000) + frame.length; // twice the rate, plus one unit in flight
        if (received - allowed > worst.received - worst.allowed) worst = { received, allowed, ms };
      });
      for (let i = 0; i < 200; i++) s.write(frame);
      await until(() => received >= 3 * frame.length && performance.now() - sent >= 500, 'three frames and half a second');
      expect(worst.received, `${worst.received} bytes after ${worst.ms.toFixed(1)} ms at ${rate} B/s`).toBeLessThanOrEqual(worst.allowed);
    });
  }

  it('throttles bandwidth and still delivers every byte in order', async () => {
    const { b, proxies } = await setup();
    proxies.setFaults([{ from: 'a', to: 'b' }], { bytesPerSecond: 200_000 });
    const s = await dial(proxies, 'a', 'b');
    for (let i = 0; i < 20; i++) s.write(encodeFrame('x'.repeat(1000) + i));
    await until(() => b.got.length === 20, '20 frames');
    expect((b.got as string[]).map((x) => x.slice(1000))).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
  });
});

describe('partition ability over the proxies', () => {
  it('logs "partition healed" only when a partition was in force', async () => {
    const { proxies } = await setup();
    const lines: string[] = [];
    const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
    const net = proxyAbilities(proxies, true, logger);
    await net.healPartition();
    expect(lines.filter((l) => l.startsWith('partition healed'))).toEqual([]);
    await net.partition({ a: ['b'] });
    await net.healPartition();
    await net.healPartition();
    expect(lines.filter((l) => l.startsWith('partition healed'))).toEqual(['partition healed (was {"a":["b"]})']);
    expect(proxies.currentGrudge()).toEqual({});
  });
});
