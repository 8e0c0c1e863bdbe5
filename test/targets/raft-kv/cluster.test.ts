/**
 * raft-kv as real processes: three servers on loopback, kill -9, restart from disk, client retries,
 * and InstallSnapshot. Every process is killed by PID after each test, pass or fail. The suite runs
 * on the compiled dist/ (npm test builds first).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KvClient } from '../../../targets/raft-kv/client/kv-client.js';
import { clientAgent, exchange } from '../../../targets/raft-kv/client/http-transport.js';
import { ProcessCluster } from './support/process-cluster.js';

let cluster: ProcessCluster | undefined;
const clients: KvClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await cluster?.destroy();
  cluster = undefined;
});

function client(c: ProcessCluster, home = 'n1'): KvClient {
  const k = new KvClient(c.nodes, c.node(home));
  clients.push(k);
  return k;
}

describe('raft-kv processes', () => {
  it('elects a new leader after kill -9 and loses no acknowledged write across a full restart', async () => {
    cluster = await ProcessCluster.start(3);
    const first = await cluster.leader();
    const kv = client(cluster);
    const acked = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      await kv.call({ f: 'write', key: `k${i % 7}`, value: i }, AbortSignal.timeout(5000));
      acked.set(`k${i % 7}`, i);
    }
    await cluster.kill(first);
    const second = await cluster.leader(first);
    expect(second).not.toBe(first);
    for (let i = 30; i < 60; i++) {
      await kv.call({ f: 'write', key: `k${i % 7}`, value: i }, AbortSignal.timeout(10_000));
      acked.set(`k${i % 7}`, i);
    }
    await cluster.killAll();
    for (const n of cluster.nodes) cluster.startNode(n.name);
    await cluster.leader();
    for (const [key, value] of acked) {
      expect(await kv.call({ f: 'read', key }, AbortSignal.timeout(10_000))).toEqual({ type: 'ok', value });
    }
  });

  it('applies a retried write once and answers the retry with the first result', async () => {
    cluster = await ProcessCluster.start(3);
    const leader = cluster.node(await cluster.leader());
    const agent = clientAgent();
    try {
      const append = { client: 'retrying-client', seq: 1, f: 'append', key: 'list', value: 'x' };
      const a = await exchange(agent, leader, '/kv', append);
      const b = await exchange(agent, leader, '/kv', append);
      expect(a).toMatchObject({ kind: 'reply', status: 200, body: { type: 'ok' } });
      expect(b).toMatchObject({ kind: 'reply', status: 200, body: { type: 'ok' } });
      const cas = { client: 'retrying-client', seq: 2, f: 'cas', key: 'list', value: [['x'], 'y'] };
      expect(await exchange(agent, leader, '/kv', cas)).toMatchObject({ body: { type: 'ok' } });
      expect(await exchange(agent, leader, '/kv', cas)).toMatchObject({ body: { type: 'ok' } });
      const read = await exchange(agent, leader, '/kv', { client: 'reader', seq: 1, f: 'read', key: 'list' });
      expect(read).toMatchObject({ body: { type: 'ok', value: 'y' } });
      const bad = await exchange(agent, leader, '/kv', { client: 'reader', seq: 2, f: 'cas', key: 'list', value: 3 });
      expect(bad).toMatchObject({ status: 400, body: { error: 'bad-request', definite: true } });
    } finally {
      agent.destroy();
    }
  });

  it('answers not-leader with a hint on a follower, and the client follows it', async () => {
    cluster = await ProcessCluster.start(3);
    const leader = await cluster.leader();
    const follower = cluster.nodes.find((n) => n.name !== leader)!;
    const agent = clientAgent();
    try {
      const x = await exchange(agent, follower, '/kv', { client: 'c', seq: 1, f: 'write', key: 'k', value: 1 });
      expect(x).toMatchObject({ status: 421, body: { error: 'not-leader', leader, definite: true } });
    } finally {
      agent.destroy();
    }
    const kv = client(cluster, follower.name);
    expect(await kv.call({ f: 'write', key: 'k', value: 2 }, AbortSignal.timeout(5000))).toEqual({ type: 'ok' });
    expect(kv.node.name).toBe(leader);
  });

  it('brings a follower that missed compacted entries up to date with InstallSnapshot', async () => {
    cluster = await ProcessCluster.start(3, { 'snapshot-every': '50' }, ['--snapshot-keep', '0']);
    const leader = await cluster.leader();
    const lagger = cluster.nodes.find((n) => n.name !== leader)!.name;
    await cluster.kill(lagger);
    const kv = client(cluster, leader);
    for (let i = 0; i < 120; i++) await kv.call({ f: 'append', key: 'log', value: i }, AbortSignal.timeout(5000));
    const ls = await cluster.until('a leader snapshot', async () => {
      const s = await cluster!.status(leader);
      return s && s.snapshotIndex >= 100 ? s : undefined;
    });
    cluster.startNode(lagger);
    await cluster.until('the lagging follower to catch up', async () => {
      const s = await cluster!.status(lagger);
      return s && s.applied >= ls.applied ? s : undefined;
    });
    expect(cluster.log(lagger)).toContain('installed snapshot');
    expect((await cluster.status(lagger))!.snapshotIndex).toBeGreaterThanOrEqual(100);
    const expected = Array.from({ length: 120 }, (_, i) => i);
    expect(await kv.call({ f: 'read', key: 'log' }, AbortSignal.timeout(5000))).toEqual({ type: 'ok', value: expected });
  });
});
