/**
 * The nemesis contract, against a real 3-node raft-kv cluster on the local runtime: every nemesis's
 * fault really happens — a partitioned pair exchanges no message, a paused node answers nothing, a
 * killed node's port is closed, a bumped clock is seen by the target, a lossy link drops messages —
 * and after its stop op (and again after `heal`) the cluster serves writes. Runs on the compiled
 * dist/ (npm test builds first). Every node is killed by PID after each test, pass or fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import type { Op, OpTemplate } from '../../src/core/op.js';
import { localRuntime, type LocalCluster } from '../../src/runtimes/local.js';
import { nemeses } from '../../nemeses/index.js';
import type { Nemesis, NemesisPackage } from '../../nemeses/nemesis.js';
import { KvClient } from '../../targets/raft-kv/client/kv-client.js';
import { nodeStatus, raftKvTarget } from '../../targets/raft-kv/index.js';
import { raftKvOptionsSchema } from '../../targets/raft-kv/options.js';
import { portClosed } from '../support/ports.js';
import { killAlive, recordedNodePids } from '../support/processes.js';

const opts = raftKvOptionsSchema.parse({});
let dir: string;
let cluster: LocalCluster | undefined;
const clients: KvClient[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-nemesis-'));
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await cluster?.teardown();
  cluster = undefined;
  killAlive(recordedNodePids(dir)); // gone already, as they should be
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<LocalCluster> {
  cluster = await localRuntime.setup(raftKvTarget, opts, 3, { runDir: dir, logger: silentLogger, seed: 7 });
  return cluster;
}

function nemesisOf(name: string, c: LocalCluster, o: Record<string, string> = {}): Nemesis {
  const pkg = nemeses[name]!.pkg as NemesisPackage;
  return pkg.create({ cluster: c, target: raftKvTarget, targetOpts: opts, logger: silentLogger }, pkg.optionsSchema.parse(o));
}

let index = 0;
async function run(n: Nemesis, t: OpTemplate) {
  const op: Op = { index: index++, time: 0, process: 'nemesis', type: 'invoke', f: t.f, value: t.value ?? null };
  const c = await n.invoke(op);
  expect(c, JSON.stringify(c)).toMatchObject({ type: 'ok' });
  return c.value as Record<string, any>;
}

/** Bounded polling; fails naming what never happened. */
async function until(cond: () => boolean | Promise<boolean>, what: string, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

async function servesWrites(c: LocalCluster, value: number): Promise<void> {
  const kv = new KvClient(c.nodes, c.nodes[value % c.nodes.length]!);
  clients.push(kv);
  expect(await kv.call({ f: 'write', key: 'contract', value }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok' });
  expect(await kv.call({ f: 'read', key: 'contract' }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok', value });
}

const node = (c: LocalCluster, name: string) => c.nodes.find((n) => n.name === name)!;

describe('nemesis contract on raft-kv (local runtime)', () => {
  it('partition: a partitioned pair exchanges no message; after heal the cluster serves writes', async () => {
    const c = await start();
    const n = nemesisOf('partition', c);
    const v = await run(n, { f: 'start-partition', value: { mode: 'isolate-one', grudge: { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] } } });
    expect(v).toMatchObject({ grudge: { n1: ['n2', 'n3'] }, cut: 'blackhole' });
    const p = c.proxies!;
    const before = p.state('n1', 'n2').delivered + p.state('n2', 'n1').delivered;
    const dropped = p.state('n2', 'n1').dropped + p.state('n1', 'n2').dropped;
    await until(() => p.state('n2', 'n1').dropped + p.state('n1', 'n2').dropped > dropped + 5, 'messages dropped on n1↔n2');
    expect(p.state('n1', 'n2').delivered + p.state('n2', 'n1').delivered).toBe(before);
    await servesWrites(c, 1); // the majority side still commits
    const n1Links = () => ['n2', 'n3'].reduce((sum, x) => sum + p.state('n1', x).delivered + p.state(x, 'n1').delivered, 0);
    const atHeal = n1Links();
    expect(await run(n, { f: 'stop-partition' })).toMatchObject({ healed: { n1: ['n2', 'n3'] } });
    await until(() => n1Links() > atHeal, 'n1 exchanges messages again');
    await servesWrites(c, 2);
  });

  it('leader-targeted faults: a leader clock bump hits the leader; isolate-leader cuts it off and can step its clock back until heal', async () => {
    const c = await start();
    const [leader] = await raftKvTarget.leaders!(c.nodes, opts, AbortSignal.timeout(5000));
    const others = c.nodes.map((x) => x.name).filter((x) => x !== leader);
    const clock = await run(nemesisOf('clock', c, { targets: 'leader' }), { f: 'bump-clock', value: { nodes: 'leader', deltaMs: 700 } });
    expect(clock.nodes).toEqual([leader]);
    expect(clock.offsets[leader]).toBe(700);
    const part = nemesisOf('partition', c, { modes: 'isolate-leader', 'leader-clock-ms': '-2000' });
    const v = await run(part, { f: 'start-partition', value: { mode: 'isolate-leader', grudge: {} } });
    expect(v.grudge).toEqual({ [leader]: others, [others[0]]: [leader], [others[1]]: [leader] });
    // The combined fault also steps the isolated leader's clock back, on top of the bump above.
    expect(v.clockOffsets).toEqual({ [leader]: -1300 });
    await until(async () => (await nodeStatus(node(c, leader)))?.clockOffsetMs === -1300, 'isolated leader sees its clock stepped back');
    await servesWrites(c, 10); // the other two elect a leader and commit
    expect(await run(part, { f: 'stop-partition' })).toMatchObject({ clockRestored: { node: leader, was: 700 } });
    await until(async () => (await nodeStatus(node(c, leader)))?.clockOffsetMs === 700, 'its clock restored on heal');
  });

  it('isolate-leader with leader-clock=strobe flips the isolated leader’s clock until heal, then restores it', async () => {
    const c = await start();
    const [leader] = await raftKvTarget.leaders!(c.nodes, opts, AbortSignal.timeout(5000));
    const part = nemesisOf('partition', c, { modes: 'isolate-leader', 'leader-clock-ms': '-2000', 'leader-clock': 'strobe', 'leader-clock-period-ms': '150' });
    const v = await run(part, { f: 'start-partition', value: { mode: 'isolate-leader', grudge: {} } });
    expect(v.clockStrobe).toEqual({ node: leader, between: [0, -2000], periodMs: 150 });
    // The target itself sees both ends of the strobe.
    const seen = new Set<number>();
    await until(async () => {
      const s = await nodeStatus(node(c, leader!));
      if (s) seen.add(s.clockOffsetMs);
      return seen.has(0) && seen.has(-2000);
    }, 'isolated leader sees its clock flip between 0 and -2000');
    await servesWrites(c, 11);
    const healed = await run(part, { f: 'stop-partition' });
    expect(healed.clockRestored).toMatchObject({ node: leader, was: 0 });
    expect(healed.clockRestored.flips).toBeGreaterThan(2);
    expect(c.clockOffsets!()[leader!] ?? 0).toBe(0);
    await until(async () => (await nodeStatus(node(c, leader!)))?.clockOffsetMs === 0, 'its clock restored on heal');
    await servesWrites(c, 12);
  });

  it('partition with clients=true: a client bound to a cut-off node loses the nodes it lost; heal gives them back', async () => {
    cluster = await localRuntime.setup(raftKvTarget, opts, 3, { runDir: dir, logger: silentLogger, seed: 7, faults: ['partition', 'partition-clients'] });
    const c = cluster;
    const view = (home: string, to: string) => c.clientNodes(home).find((n) => n.name === to)!;
    const answers = async (home: string, to: string) => (await nodeStatus(view(home, to), AbortSignal.timeout(700)).catch(() => undefined)) !== undefined;
    // A client's own node is direct; the others go through client-link proxies.
    expect(view('n1', 'n1')).toEqual(node(c, 'n1'));
    expect(view('n1', 'n2').clientPort).not.toBe(node(c, 'n2').clientPort);
    expect(await answers('n1', 'n2')).toBe(true);
    const n = nemesisOf('partition', c, { modes: 'custom', grudge: 'n1:n2+n3,n2:n1,n3:n1', clients: 'true' });
    const v = await run(n, { f: 'start-partition', value: { mode: 'custom', grudge: { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] } } });
    expect(v).toMatchObject({ clients: true });
    expect(await answers('n1', 'n2')).toBe(false);
    expect(await answers('n1', 'n3')).toBe(false);
    expect(await answers('n2', 'n1')).toBe(false);
    expect(await answers('n1', 'n1')).toBe(true); // its own node, on its side
    expect(await answers('n2', 'n3')).toBe(true); // the majority side reaches itself
    // The majority side still commits, for clients bound to it.
    const kv = new KvClient(c.clientNodes('n2'), node(c, 'n2'));
    clients.push(kv);
    expect(await kv.call({ f: 'write', key: 'contract', value: 21 }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok' });
    await run(n, { f: 'stop-partition' });
    await until(() => answers('n1', 'n2'), 'a client bound to n1 reaches n2 again');
    await servesWrites(c, 22);
  });

  it('kill: a killed node’s port is closed; restart brings it back with its data', async () => {
    const c = await start();
    const n = nemesisOf('kill', c);
    const [leader] = await raftKvTarget.leaders!(c.nodes, opts, AbortSignal.timeout(5_000));
    const v = await run(n, { f: 'kill', value: { targets: 'leader' } });
    expect(v).toEqual({ targets: 'leader', nodes: [leader] });
    expect(await portClosed(node(c, leader!).clientPort)).toBe(true);
    await servesWrites(c, 3);
    expect(await run(n, { f: 'restart' })).toEqual({ nodes: [leader] });
    await until(async () => (await nodeStatus(node(c, leader!))) !== undefined, 'restarted node answers');
    await servesWrites(c, 4);
    // With its data: kill every node and restart them all, so that nothing but what each restarted
    // node finds in its own data directory can hold the write acknowledged before the kill.
    const all = c.nodes.map((x) => x.name);
    expect(await run(n, { f: 'kill', value: { targets: 'all', nodes: all } })).toEqual({ targets: 'all', nodes: all });
    for (const x of all) expect(await portClosed(node(c, x).clientPort)).toBe(true);
    expect(await run(n, { f: 'restart' })).toEqual({ nodes: all });
    const kv = new KvClient(c.nodes, node(c, leader!));
    clients.push(kv);
    expect(await kv.call({ f: 'read', key: 'contract' }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok', value: 4 });
    await servesWrites(c, 5);
  });

  it('pause: a paused node answers nothing; resume brings it back', async () => {
    const c = await start();
    const n = nemesisOf('pause', c);
    expect(await run(n, { f: 'pause', value: { targets: 'one', nodes: ['n2'] } })).toEqual({ targets: 'one', nodes: ['n2'] });
    expect(await nodeStatus(node(c, 'n2'), AbortSignal.timeout(500)).catch(() => undefined)).toBeUndefined();
    expect(await run(n, { f: 'resume' })).toEqual({ nodes: ['n2'] });
    await until(async () => (await nodeStatus(node(c, 'n2'), AbortSignal.timeout(500)).catch(() => undefined)) !== undefined, 'n2 answers');
    await servesWrites(c, 5);
  });

  it('clock: a bumped clock is observed by the target; reset puts it back', async () => {
    const c = await start();
    const n = nemesisOf('clock', c);
    const v = await run(n, { f: 'bump-clock', value: { nodes: ['n3'], deltaMs: -1500 } });
    expect(v.offsets).toEqual({ n1: 0, n2: 0, n3: -1500 });
    await until(async () => (await nodeStatus(node(c, 'n3')))?.clockOffsetMs === -1500, 'n3 reports offset -1500');
    const s = await run(n, { f: 'strobe-clock', value: { nodes: ['n1'], deltaMs: 800, periodMs: 60, durationMs: 400 } });
    expect(s.flips).toBeGreaterThan(1);
    expect(s.offsets).toEqual({ n1: 0, n2: 0, n3: -1500 });
    expect(await run(n, { f: 'reset-clock' })).toMatchObject({ offsets: { n1: 0, n2: 0, n3: 0 } });
    await until(async () => (await nodeStatus(node(c, 'n3')))?.clockOffsetMs === 0, 'n3 back to 0');
    await servesWrites(c, 6);
  });

  it('packet: a lossy link drops messages; restoring it serves writes', async () => {
    const c = await start();
    const n = nemesisOf('packet', c);
    // A link that carries traffic for sure: the leader's to a follower (followers talk only to the leader).
    const [leader] = await raftKvTarget.leaders!(c.nodes, opts, AbortSignal.timeout(5000));
    const [follower, other] = c.nodes.map((x) => x.name).filter((x) => x !== leader);
    const links = [{ from: leader, to: follower }, { from: follower, to: leader }];
    await run(n, { f: 'start-packet', value: { mode: 'loss', links, faults: { loss: 1 } } });
    const p = c.proxies!;
    const delivered = p.state(leader, follower).delivered;
    const dropped = p.state(leader, follower).dropped;
    await until(() => p.state(leader, follower).dropped > dropped + 5, `messages lost on ${leader}→${follower}`);
    expect(p.state(leader, follower).delivered).toBe(delivered);
    await run(n, { f: 'start-packet', value: { mode: 'delay', links: [{ from: other, to: leader }], faults: { delayMs: 30, jitterMs: 10 } } });
    expect(await run(n, { f: 'stop-packet' })).toEqual({ cleared: [...links, { from: other, to: leader }] });
    expect(p.faultedLinks()).toEqual([]);
    await servesWrites(c, 7);
  });

  it('heal undoes every kind of fault at once', async () => {
    const c = await start();
    const all = ['partition', 'kill', 'pause', 'clock', 'packet'].map((name) => nemesisOf(name, c));
    const [part, kill, pause, clock, packet] = all as [Nemesis, Nemesis, Nemesis, Nemesis, Nemesis];
    await run(part, { f: 'start-partition', value: { mode: 'halves', grudge: { n1: ['n2', 'n3'], n2: ['n1'], n3: ['n1'] } } });
    await run(kill, { f: 'kill', value: { targets: 'one', nodes: ['n2'] } });
    await run(pause, { f: 'pause', value: { targets: 'one', nodes: ['n3'] } });
    await run(clock, { f: 'bump-clock', value: { nodes: ['n1'], deltaMs: 5000 } });
    await run(packet, { f: 'start-packet', value: { mode: 'duplicate', links: [{ from: 'n1', to: 'n3' }], faults: { duplicate: 0.5 } } });
    for (const x of all) await x.heal();
    expect(c.proxies!.currentGrudge()).toEqual({});
    expect(c.proxies!.faultedLinks()).toEqual([]);
    expect(c.clockOffsets!()).toEqual({ n1: 0, n2: 0, n3: 0 });
    expect(c.pids()).toHaveLength(3);
    await servesWrites(c, 8);
  });
});
