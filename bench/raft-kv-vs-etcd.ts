/**
 * raft-kv against etcd 3.4 on the same write workload, in one run: 3 nodes each on loopback, data on
 * the same disk (a temporary directory), fsync on, 10 concurrent clients each with one write in flight
 * to the leader over keep-alive HTTP (raft-kv's API; etcd's JSON gateway `/v3/kv/put`).
 *
 *   npm run build && node dist/bench/raft-kv-vs-etcd.js [seconds=10] [clients=10]
 *
 * Prints writes/s, p50 and p99 latency for each and the throughput ratio. Every process it starts is
 * killed by PID at the end, also on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterPlan, NodePlan, NodeSpec, Program } from '../src/core/target.js';
import { hostCommand } from '../src/runtimes/host-program.js';
import { etcdOptionsSchema, etcdProgram, etcdTarget } from '../targets/etcd/index.js';
import { nodeStatus, RAFT_KV_PROGRAM, raftKvNodeSpec } from '../targets/raft-kv/index.js';
import { raftKvOptionsSchema } from '../targets/raft-kv/options.js';

const procs: ChildProcess[] = [];
const killAll = (): void => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) process.kill(p.pid!, 'SIGKILL');
};
process.on('SIGINT', () => {
  killAll();
  process.exit(130);
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function plan(dir: string): Promise<ClusterPlan> {
  const nodes: NodePlan[] = [];
  for (let i = 0; i < 3; i++) {
    nodes.push({ name: `n${i + 1}`, index: i, host: '127.0.0.1', clientPort: await freePort(), peerPort: await freePort(), dataDir: join(dir, `n${i + 1}`), logFile: join(dir, `n${i + 1}.log`) });
  }
  return { nodes, token: 'bench', peerAddress: (_f, to) => ({ host: '127.0.0.1', port: nodes.find((n) => n.name === to)!.peerPort }) };
}

function start(p: ClusterPlan, program: Program, spec: (n: NodePlan) => NodeSpec): void {
  for (const n of p.nodes) {
    mkdirSync(n.dataDir, { recursive: true });
    const s = hostCommand(program, spec(n));
    const out = openSync(n.logFile, 'a');
    procs.push(spawn(s.command, s.args, { stdio: ['ignore', out, out] }));
  }
}

function post(agent: Agent, port: number, path: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(text);
  });
}

async function load(seconds: number, clients: number, send: (agent: Agent, c: number, i: number) => Promise<number>): Promise<{ rate: number; p50: number; p99: number }> {
  const lat: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        const status = await send(agent, c, i);
        if (status !== 200) throw new Error(`write failed with HTTP ${status}`);
        lat.push(performance.now() - t);
      }
      agent.destroy();
    }),
  );
  lat.sort((a, b) => a - b);
  return { rate: lat.length / seconds, p50: lat[Math.floor(lat.length / 2)], p99: lat[Math.floor(lat.length * 0.99)] };
}

async function raftKvLeader(p: ClusterPlan): Promise<NodePlan> {
  for (let k = 0; k < 200; k++) {
    for (const n of p.nodes) if ((await nodeStatus(n).catch(() => undefined))?.role === 'leader') return n;
    await sleep(50);
  }
  throw new Error('raft-kv elected no leader');
}

async function etcdLeader(p: ClusterPlan): Promise<NodePlan> {
  for (let k = 0; k < 200; k++) {
    const names = await etcdTarget.leaders!(p.nodes, etcdOptionsSchema.parse({}), AbortSignal.timeout(1000)).catch(() => []);
    const l = p.nodes.find((n) => n.name === names[0]);
    if (l) return l;
    await sleep(100);
  }
  throw new Error('etcd elected no leader');
}

const fmt = (r: { rate: number; p50: number; p99: number }): string => `${Math.round(r.rate)} writes/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`;

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 10);
  const clients = Number(process.argv[3] ?? 10);
  const dir = mkdtempSync(join(tmpdir(), 'raft-kv-vs-etcd-'));
  try {
    const rp = await plan(join(dir, 'raft-kv'));
    start(rp, RAFT_KV_PROGRAM, (n) => raftKvNodeSpec(n, rp, raftKvOptionsSchema.parse({})));
    const rl = await raftKvLeader(rp);
    const raft = await load(seconds, clients, (agent, c, i) => post(agent, rl.clientPort, '/kv', { client: `bench-${c}`, seq: i + 1, f: 'write', key: `k${i % 100}`, value: i }));
    killAll();
    const ep = await plan(join(dir, 'etcd'));
    start(ep, etcdProgram(etcdOptionsSchema.parse({})), (n) => etcdTarget.nodeSpec(n, ep, etcdOptionsSchema.parse({})));
    const el = await etcdLeader(ep);
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    const etcd = await load(seconds, clients, (agent, _c, i) => post(agent, el.clientPort, '/v3/kv/put', { key: b64(`k${i % 100}`), value: b64(String(i)) }));
    console.log(`${clients} clients, ${seconds} s each, 3 nodes on loopback, fsync on`);
    console.log(`raft-kv  ${fmt(raft)}`);
    console.log(`etcd     ${fmt(etcd)}`);
    console.log(`ratio    raft-kv/etcd throughput ${(raft.rate / etcd.rate).toFixed(2)}`);
  } finally {
    killAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  killAll();
  console.error(e);
  process.exit(1);
});
