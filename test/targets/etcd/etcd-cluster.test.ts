import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.js';
import type { Op } from '../../../src/core/op.js';
import { localRuntime, type LocalCluster } from '../../../src/runtimes/local.js';
import { etcdOptionsSchema, etcdTarget } from '../../../targets/etcd/index.js';
import { describeWith, etcdFacility } from '../../support/facility.js';
import { processAlive } from '../../support/processes.js';

const op = (index: number, f: string, value: unknown, key = 'k1'): Op => ({ index, time: 0, process: 0, type: 'invoke', f, value, key });

describeWith([etcdFacility], 'etcd target on the local runtime', () => {
  let dir: string;
  let cluster: LocalCluster;
  const opts = etcdOptionsSchema.parse({});
  let pids: number[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-etcd-'));
    cluster = await localRuntime.setup(etcdTarget, opts, 3, { runDir: dir, logger: silentLogger });
    pids = cluster.pids();
  });

  afterAll(async () => {
    await cluster?.teardown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts three members on distinct loopback ports with one leader', async () => {
    expect(pids).toHaveLength(3);
    expect(new Set(cluster.nodes.map((n) => n.clientPort)).size).toBe(3);
    const leaders = await etcdTarget.leaders!(cluster.nodes, opts, AbortSignal.timeout(5000));
    expect(leaders).toHaveLength(1);
  });

  it('reads, writes and compares-and-sets through the gateway', async () => {
    const signal = AbortSignal.timeout(10_000);
    const client = await etcdTarget.openClient(cluster.nodes[0], { opts, nodes: cluster.nodes });
    expect(await client.invoke(op(0, 'read', null), signal)).toEqual({ type: 'ok', value: null });
    expect(await client.invoke(op(1, 'write', 3), signal)).toEqual({ type: 'ok' });
    expect(await client.invoke(op(2, 'read', null), signal)).toEqual({ type: 'ok', value: 3 });
    expect(await client.invoke(op(3, 'cas', [3, 4]), signal)).toEqual({ type: 'ok' });
    expect(await client.invoke(op(4, 'cas', [3, 5]), signal)).toEqual({ type: 'fail', error: 'cas-mismatch' });
    const other = await etcdTarget.openClient(cluster.nodes[2], { opts, nodes: cluster.nodes });
    expect(await other.invoke(op(5, 'read', null), signal)).toEqual({ type: 'ok', value: 4 });
  });

  it('runs list-append and rw-register transactions: own writes seen, snapshot reads, conflicts retried not lost', async () => {
    const signal = AbortSignal.timeout(20_000);
    const a = await etcdTarget.openClient(cluster.nodes[0], { opts, nodes: cluster.nodes });
    const b = await etcdTarget.openClient(cluster.nodes[1], { opts, nodes: cluster.nodes });
    const txn = (index: number, value: unknown): Op => ({ index, time: 0, process: 0, type: 'invoke', f: 'txn', value });
    expect(await a.invoke(txn(10, [['r', 'lx', null], ['append', 'lx', 1], ['r', 'lx', null], ['w', 'ry', 5], ['r', 'ry', null]]), signal)).toEqual({
      type: 'ok',
      value: [['r', 'lx', null], ['append', 'lx', 1], ['r', 'lx', [1]], ['w', 'ry', 5], ['r', 'ry', 5]],
    });
    // Twenty transactions from two members racing on one key: every one commits once, none is lost.
    const racing = Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).invoke(txn(11 + i, [['append', 'lx', i + 2]]), signal));
    const done = await Promise.allSettled(racing);
    const committed = done.filter((d) => d.status === 'fulfilled').length;
    const r = (await b.invoke(txn(40, [['r', 'lx', null]]), signal)) as { value: [string, string, number[]][] };
    const list = r.value[0][2];
    expect(list[0]).toBe(1);
    expect(new Set(list).size).toBe(list.length);
    expect(list.length).toBe(1 + committed);
    expect(committed).toBeGreaterThan(0);
    // A malformed transaction is refused before anything is sent.
    await expect(a.invoke(txn(41, [['incr', 'lx', 1]]), signal)).rejects.toMatchObject({ definite: true });
  });

  it('reports a write to a killed member as definite (connection refused), a read too', async () => {
    await cluster.kill('n3');
    const client = await etcdTarget.openClient(cluster.nodes[2], { opts, nodes: cluster.nodes });
    await expect(client.invoke(op(6, 'write', 9), AbortSignal.timeout(5000))).rejects.toMatchObject({ definite: true, message: expect.stringMatching(/ECONNREFUSED/) });
    await expect(client.invoke(op(7, 'read', null), AbortSignal.timeout(5000))).rejects.toMatchObject({ definite: true, message: expect.stringMatching(/ECONNREFUSED/) });
    await cluster.restart('n3');
  });

  it('stops every process it started on teardown', async () => {
    const all = [...pids, ...cluster.pids()];
    await cluster.teardown();
    expect(all.filter(processAlive)).toEqual([]);
  });
});
