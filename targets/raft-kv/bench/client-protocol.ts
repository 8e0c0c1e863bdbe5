/**
 * Measures the two candidate client protocols on loopback, against the same trivial in-memory
 * store so that only the protocol cost shows: HTTP/1.1 + JSON with keep-alive (node:http on both
 * sides) and a length-prefixed JSON frame protocol over one TCP connection per client.
 *
 *   node dist/targets/raft-kv/bench/client-protocol.js [clients=10] [seconds=3]
 *
 * Prints requests/s and p50/p99 latency for each. Used to choose raft-kv's client API (README).
 */
import { Agent, createServer as createHttpServer, request } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { encodeFrame, FrameDecoder } from '../server/frames.js';

const store = new Map<string, unknown>();
function handle(req: { f: string; key: string; value?: unknown }): unknown {
  if (req.f === 'write') store.set(req.key, req.value);
  return { type: 'ok', value: store.get(req.key) ?? null };
}

async function loop(clients: number, seconds: number, makeCall: () => Promise<(body: object) => Promise<unknown>>): Promise<string> {
  const lat: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const call = await makeCall();
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        await call({ client: `c${c}`, seq: i, f: i % 2 ? 'read' : 'write', key: `k${i % 5}`, value: i });
        lat.push(performance.now() - t);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.floor(p * (lat.length - 1))].toFixed(3);
  return `${Math.round(lat.length / seconds)} req/s, p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`;
}

async function main(): Promise<void> {
  const clients = Number(process.argv[2] ?? 10);
  const seconds = Number(process.argv[3] ?? 3);
  const http = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const out = JSON.stringify(handle(JSON.parse(Buffer.concat(chunks).toString())));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const httpPort = (http.address() as AddressInfo).port;
  const tcp = createTcpServer((s) => {
    s.setNoDelay(true);
    const d = new FrameDecoder();
    s.on('data', (c) => {
      for (const m of d.push(c)) s.write(encodeFrame(handle(m as never)));
    });
  });
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  const tcpPort = (tcp.address() as AddressInfo).port;

  const httpResult = await loop(clients, seconds, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    return (body) =>
      new Promise((resolve, reject) => {
        const text = JSON.stringify(body);
        const req = request({ host: '127.0.0.1', port: httpPort, path: '/kv', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
        });
        req.on('error', reject);
        req.end(text);
      });
  });
  const tcpResult = await loop(clients, seconds, async () => {
    const s = connect(tcpPort, '127.0.0.1');
    s.setNoDelay(true);
    await new Promise((r) => s.once('connect', r));
    const d = new FrameDecoder();
    let waiting: ((v: unknown) => void) | undefined;
    s.on('data', (c) => {
      for (const m of d.push(c)) waiting?.(m);
    });
    return (body) => new Promise((resolve) => {
      waiting = resolve;
      s.write(encodeFrame(body));
    });
  });
  console.log(`HTTP/JSON keep-alive, ${clients} clients: ${httpResult}`);
  console.log(`framed TCP/JSON,      ${clients} clients: ${tcpResult}`);
  process.exit(0);
}

void main();
