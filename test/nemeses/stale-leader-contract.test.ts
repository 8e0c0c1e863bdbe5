/**
 * The stale-leader nemesis against a real 3-node raft-kv cluster (local runtime): each act really
 * hits whoever leads and heals. `cut-after-write` waits for a write acknowledged to a client bound to
 * the leader (fed to the history watch the runner would feed), cuts exactly that node off until the
 * others elect another (and hold-ms more), then reconnects it — with ack-before-commit, a write the
 * cut-off leader acknowledged alone is lost for good; `pause-cut` sets the leader's clock back, stops it, cuts
 * it off, resumes it still cut off — where (check-quorum off) it still believes it leads and serves a
 * stale local read — until the stop op reconnects it and puts its clock back; `heal` ends an episode
 * midway. Every node is killed by PID after each test, pass or fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import type { Op } from '../../src/core/op.js';
import { historyWatch } from '../../src/runner/history-watch.js';
import { localRuntime, type LocalCluster } from '../../src/runtimes/local.js';
import { isolate } from '../../nemeses/grudges.js';
import { staleLeaderNemesis } from '../../nemeses/stale-leader.js';
import { KvClient } from '../../targets/raft-kv/client/kv-client.js';
import { nodeStatus, raftKvTarget } from '../../targets/raft-kv/index.js';
import { raftKvOptionsSchema } from '../../targets/raft-kv/options.js';
import { killAlive, recordedNodePids } from '../support/processes.js';

let dir: string;
let cluster: LocalCluster | undefined;
const clients: KvClient[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-stale-leader-'));
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await cluster?.teardown();
  cluster = undefined;
  killAlive(recordedNodePids(dir));
  rmSync(dir, { recursive: true, force: true });
});

async function start(targetOpts: Record<string, string> = {}, nemesisOpts: Record<string, string> = {}, opTimeoutMs?: number) {
  const opts = raftKvOptionsSchema.parse(targetOpts);
  cluster = await localRuntime.setup(raftKvTarget, opts, 3, { runDir: dir, logger: silentLogger, seed: 7, faults: ['partition', 'pause', 'clock'] });
  const c = cluster;
  const names = c.nodes.map((n) => n.name);
  const watch = historyWatch(names, names.length); // process i is bound to node i
  const nemesis = staleLeaderNemesis.create({ cluster: c, target: raftKvTarget, targetOpts: opts, logger: silentLogger, history: watch, ...(opTimeoutMs === undefined ? {} : { opTimeoutMs }) }, staleLeaderNemesis.optionsSchema.parse({ cut: 'true', 'clock-back-ms': '4000', ...nemesisOpts }));
  const [leader] = await raftKvTarget.leaders!(c.nodes, opts, AbortSignal.timeout(10_000));
  const node = (name: string) => c.nodes.find((n) => n.name === name)!;
  const client = (home: string, maxAttempts?: number) => {
    const kv = new KvClient(c.nodes, node(home), maxAttempts ? { maxAttempts } : {});
    clients.push(kv);
    return kv;
  };
  const status = (name: string) => nodeStatus(node(name), AbortSignal.timeout(500)).catch(() => undefined);
  return { c, names, watch, nemesis, leader: leader!, node, client, status, others: names.filter((n) => n !== leader) };
}

const op = (f: string, value: unknown = null): Op => ({ index: 0, time: 0, process: 'nemesis', type: 'invoke', f, value });

async function until(cond: () => boolean | Promise<boolean>, what: string, tries = 300): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('stale-leader on raft-kv (local runtime)', () => {
  it('cut-after-write: cuts the leader off right after a write acknowledged to a client bound to it, until another leads; then reconnects it', async () => {
    const s = await start({}, { 'cut-attempts': '1' });
    const p = s.c.proxies!;
    const dropped = () => s.others.reduce((sum, x) => sum + p.state(s.leader, x).dropped + p.state(x, s.leader).dropped, 0);
    const before = dropped();
    const episode = s.nemesis.invoke(op('start-stale-leader', { acts: ['cut-after-write'] }));
    // A client bound to the leader writes; the runner would record its completion, as here.
    await new Promise((r) => setTimeout(r, 300));
    expect(await s.client(s.leader).call({ f: 'write', key: 'k', value: 1 }, AbortSignal.timeout(10_000))).toEqual({ type: 'ok' });
    const process = s.names.indexOf(s.leader);
    s.watch.record({ index: 41, time: 1, process, type: 'ok', f: 'write', key: 'k', value: 1 });
    const done = await episode;
    expect(done.type, JSON.stringify(done)).toBe('ok');
    const acts = (done.value as { acts: Record<string, any>[] }).acts;
    expect(acts).toHaveLength(1); // one attempt allowed, though the cut-off leader acknowledged nothing
    const [act] = acts;
    expect(act).toMatchObject({ act: 'cut-after-write', node: s.leader, afterWrite: { index: 41, process, f: 'write' }, cut: isolate(s.leader, s.names), ackedWhileCut: null, healed: true });
    expect(s.others).toContain(act!.newLeader);
    expect(dropped()).toBeGreaterThan(before); // the cut really dropped the leader's traffic
    // Reconnected: the old leader hears the new one and follows it; the cluster serves writes.
    await until(async () => (await s.status(s.leader))?.leader === act!.newLeader, `${s.leader} follows ${act!.newLeader}`);
    expect(await s.nemesis.invoke(op('stop-stale-leader'))).toEqual({ type: 'ok', value: {} });
    expect(await s.client(s.others[0]!).call({ f: 'write', key: 'k', value: 2 }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok' });
  });

  it('cut-after-write with ack-before-commit: a write the cut-off leader acknowledged alone is lost, also after it is reconnected', async () => {
    const s = await start({ 'ack-before-commit': 'true' });
    const p = s.c.proxies!;
    const episode = s.nemesis.invoke(op('start-stale-leader', { acts: ['cut-after-write'] }));
    await new Promise((r) => setTimeout(r, 300));
    const leaderClient = s.client(s.leader, 1);
    expect(await leaderClient.call({ f: 'write', key: 'k', value: 1 }, AbortSignal.timeout(10_000))).toEqual({ type: 'ok' });
    await new Promise((r) => setTimeout(r, 200)); // replicated (acknowledged before commit: give it heartbeats)
    s.watch.record({ index: 7, time: 1, process: s.names.indexOf(s.leader), type: 'ok', f: 'write', key: 'k', value: 1 });
    await until(() => Object.keys(p.currentGrudge()).length > 0, `${s.leader} cut off`);
    // Cut off but not yet stepped down, it acknowledges a write only it has (recorded as the runner would).
    const process = s.names.indexOf(s.leader);
    s.watch.record({ index: 8, time: 2, process, type: 'invoke', f: 'write', key: 'k', value: 2 });
    expect(await leaderClient.call({ f: 'write', key: 'k', value: 2 }, AbortSignal.timeout(2_000))).toEqual({ type: 'ok' });
    s.watch.record({ index: 9, time: 3, process, type: 'ok', f: 'write', key: 'k', value: 2 });
    // A client of another node keeps reading k (recorded as the runner would): the act keeps the
    // leader cut off until one of those reads, invoked once the others lead, is answered.
    const reader = s.names.indexOf(s.others[0]!);
    let index = 10;
    let finished = false;
    const reads = (async () => {
      while (!finished) {
        s.watch.record({ index: index++, time: index, process: reader, type: 'invoke', f: 'read', key: 'k', value: null });
        await new Promise((r) => setTimeout(r, 100));
        s.watch.record({ index: index++, time: index, process: reader, type: 'ok', f: 'read', key: 'k', value: 1 });
      }
    })();
    const done = await episode;
    finished = true;
    await reads;
    expect(done.type, JSON.stringify(done)).toBe('ok');
    // That acknowledgement is what the act is for: it is not played again.
    const acts = (done.value as { acts: Record<string, unknown>[] }).acts;
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ act: 'cut-after-write', node: s.leader, ackedWhileCut: { index: 9, process, f: 'write', key: 'k' }, readElsewhere: { process: reader }, healed: true });
    // Reconnected, the cluster has settled on the new leader's log: the acknowledged write is gone.
    await until(async () => (await s.status(s.leader))?.role === 'follower', `${s.leader} follows`);
    await new Promise((r) => setTimeout(r, 1_500)); // several election timeouts: no election can bring it back
    expect(await s.client(s.others[0]!).call({ f: 'read', key: 'k' }, AbortSignal.timeout(10_000))).toEqual({ type: 'ok', value: 1 });
    expect(await s.client(s.leader).call({ f: 'read', key: 'k' }, AbortSignal.timeout(10_000))).toEqual({ type: 'ok', value: 1 });
  });

  it('cut-after-write is played again, on whoever leads then, until a cut-off leader acknowledged a write (at most cut-attempts times)', async () => {
    const s = await start({}, { 'cut-attempts': '2', 'after-write-ms': '0', 'hold-ms': '300' });
    const done = await s.nemesis.invoke(op('start-stale-leader', { acts: ['cut-after-write'] }));
    expect(done.type, JSON.stringify(done)).toBe('ok');
    const acts = (done.value as { acts: Record<string, any>[] }).acts;
    expect(acts).toHaveLength(2);
    expect(acts.map((a) => a.ackedWhileCut)).toEqual([null, null]);
    expect(acts[0]).toMatchObject({ act: 'cut-after-write', node: s.leader, healed: true });
    // The second attempt cut off the leader the first one left: the one elected while the first was cut off.
    expect(acts[1]).toMatchObject({ act: 'cut-after-write', node: acts[0]!.newLeader, cut: isolate(acts[0]!.newLeader, s.names), healed: true });
    expect(await s.client(s.others[0]!).call({ f: 'write', key: 'k', value: 1 }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok' });
  });

  it('cut-after-write stops playing again once no client writes (the load is over): the heal that ends a run waits for it', async () => {
    const s = await start({}, { 'cut-attempts': '4', 'after-write-ms': '300', 'hold-ms': '300' });
    const done = await s.nemesis.invoke(op('start-stale-leader', { acts: ['cut-after-write'] }));
    expect(done.type, JSON.stringify(done)).toBe('ok');
    const acts = (done.value as { acts: Record<string, any>[] }).acts;
    expect(acts).toHaveLength(2);
    expect(acts[0]).toMatchObject({ act: 'cut-after-write', node: s.leader, afterWrite: null, ackedWhileCut: null, healed: true });
    expect(acts[1]).toMatchObject({ act: 'cut-after-write', afterWrite: null, noWrites: true });
    expect(acts[1]!.cut).toBeUndefined(); // not cut: nothing to lose
  });

  it('both acts: pause-cut first, its window closed after pause-ms (reconnected, clock back), then cut-after-write on whoever leads then', async () => {
    const s = await start({}, { 'cut-attempts': '1', 'after-write-ms': '0', 'hold-ms': '300', 'pause-ms': '2000' });
    const done = await s.nemesis.invoke(op('start-stale-leader', null));
    expect(done.type, JSON.stringify(done)).toBe('ok');
    const acts = (done.value as { acts: Record<string, any>[] }).acts;
    expect(acts.map((a) => a.act)).toEqual(['pause-cut', 'cut-after-write']);
    expect(acts[0]).toMatchObject({ node: s.leader, cut: isolate(s.leader, s.names), maxWindowMs: 2000, closed: { healed: isolate(s.leader, s.names), clockRestored: { node: s.leader, was: 0 } } });
    expect(s.others).toContain(acts[1]!.node); // deposed while stopped: another leads when the second act begins
    expect(acts[1]).toMatchObject({ cut: isolate(acts[1]!.node, s.names), healed: true });
    expect(s.c.clockOffsets!()).toEqual({ n1: 0, n2: 0, n3: 0 });
    expect(await s.nemesis.invoke(op('stop-stale-leader'))).toEqual({ type: 'ok', value: {} }); // nothing left in force
    expect(await s.client(s.others[0]!).call({ f: 'write', key: 'k', value: 1 }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok' });
  });

  it('in a run, the pause-cut window may outlast two op timeouts, closing once a client of the stale leader read after the others wrote; window-ms fixes it', async () => {
    const s = await start({}, { 'cut-attempts': '1', 'after-write-ms': '0', 'hold-ms': '300', 'pause-ms': '1500' }, 2500);
    const done = await s.nemesis.invoke(op('start-stale-leader', null));
    expect(done.type, JSON.stringify(done)).toBe('ok');
    const acts = (done.value as { acts: Record<string, any>[] }).acts;
    // No load here: no read could show the leader stale, so the window ran to its bound.
    expect(acts[0]).toMatchObject({ act: 'pause-cut', maxWindowMs: 6000, staleReadChance: null });
    const given = await s.nemesis.invoke(op('start-stale-leader', { windowMs: 600, acts: ['pause-cut', 'cut-after-write'] }));
    const first = (given.value as { acts: Record<string, any>[] }).acts[0]!;
    expect(first).toMatchObject({ act: 'pause-cut', maxWindowMs: 600 });
    expect(first.staleReadChance).toBeUndefined(); // a fixed window does not wait for one
  });

  it('without a cut, in a run, pause-cut keeps the leader stopped until a client sent it a read that can show it stale (at most two op timeouts + 1 s)', async () => {
    const s = await start({}, { cut: 'false', 'clock-back-ms': '0', 'pause-ms': '1000' }, 1000);
    const done = await s.nemesis.invoke(op('start-stale-leader', null));
    expect(done.type, JSON.stringify(done)).toBe('ok');
    const acts = (done.value as { acts: Record<string, any>[] }).acts;
    expect(acts.map((a) => a.act)).toEqual(['pause-cut']); // no cut-after-write without a cut
    // No load: no read was sent, so the pause ran to its bound; it says so.
    expect(acts[0]).toMatchObject({ act: 'pause-cut', node: s.leader, pendingStaleRead: null });
    expect(acts[0]!.cut).toBeUndefined();
    expect(await s.nemesis.invoke(op('stop-stale-leader'))).toMatchObject({ type: 'ok' });
  });

  it('pause-cut: the leader, clock set back, is stopped, cut off, resumed still cut off and serves a stale read; stop reconnects it and puts its clock back', async () => {
    const s = await start({ 'read-mode': 'local', 'check-quorum': 'false' });
    expect(await s.client(s.others[0]!).call({ f: 'write', key: 'k', value: 1 }, AbortSignal.timeout(10_000))).toEqual({ type: 'ok' });
    await until(async () => {
      const r = await s.client(s.leader).call({ f: 'read', key: 'k' }, AbortSignal.timeout(5_000));
      return r.type === 'ok' && r.value === 1;
    }, `${s.leader} has k=1`);
    const episode = s.nemesis.invoke(op('start-stale-leader', { acts: ['pause-cut'] }));
    await until(async () => (await s.status(s.leader)) === undefined, `${s.leader} stops answering (paused)`);
    // Meanwhile the others elect a leader and take a write.
    expect(await s.client(s.others[0]!).call({ f: 'write', key: 'k', value: 2 }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok' });
    const done = await episode;
    expect(done.type, JSON.stringify(done)).toBe('ok');
    const [act] = (done.value as { acts: Record<string, any>[] }).acts;
    expect(act).toMatchObject({ act: 'pause-cut', node: s.leader, clockOffsets: { [s.leader]: -4000 }, cut: isolate(s.leader, s.names) });
    expect(act!.pausedMs).toBeGreaterThanOrEqual(3000);
    // Resumed, still cut off: it believes it leads, on a clock 4 s back, and answers from the past.
    const resumed = (await s.status(s.leader))!;
    expect(resumed).toMatchObject({ role: 'leader', clockOffsetMs: -4000 });
    expect(await s.client(s.leader).call({ f: 'read', key: 'k' }, AbortSignal.timeout(5_000))).toEqual({ type: 'ok', value: 1 });
    const stopped = await s.nemesis.invoke(op('stop-stale-leader'));
    expect(stopped).toEqual({ type: 'ok', value: { healed: isolate(s.leader, s.names), clockRestored: { node: s.leader, was: 0 } } });
    await until(async () => (await s.status(s.leader))?.role === 'follower', `${s.leader} learns it was deposed`);
    await until(async () => (await s.status(s.leader))?.clockOffsetMs === 0, `${s.leader}'s clock put back`);
    expect(await s.client(s.leader).call({ f: 'read', key: 'k' }, AbortSignal.timeout(10_000))).toEqual({ type: 'ok', value: 2 });
  });

  it('heal ends an episode midway: the leader resumed, reconnected, its clock back; the episode ends info', async () => {
    const s = await start();
    const episode = s.nemesis.invoke(op('start-stale-leader', { acts: ['pause-cut'] }));
    await until(async () => (await s.status(s.leader)) === undefined, `${s.leader} paused`);
    expect(await s.nemesis.heal()).toEqual({ resumed: s.leader, healed: isolate(s.leader, s.names), clockRestored: { node: s.leader, was: 0 } });
    expect(await episode).toMatchObject({ type: 'info' });
    expect(s.c.proxies!.currentGrudge()).toEqual({});
    expect(s.c.clockOffsets!()[s.leader] ?? 0).toBe(0);
    await until(async () => (await s.status(s.leader)) !== undefined, `${s.leader} answers again`);
    expect(await s.client(s.leader).call({ f: 'write', key: 'k', value: 3 }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok' });
  });
});
