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
    const client = await etcdTarget.openClient('register', cluster.nodes[0], { opts, nodes: cluster.nodes });
    expect(await client.invoke(op(0, 'read', null), signal)).toEqual({ type: 'ok', value: null });
    expect(await client.invoke(op(1, 'write', 3), signal)).toEqual({ type: 'ok' });
    expect(await client.invoke(op(2, 'read', null), signal)).toEqual({ type: 'ok', value: 3 });
    expect(await client.invoke(op(3, 'cas', [3, 4]), signal)).toEqual({ type: 'ok' });
    expect(await client.invoke(op(4, 'cas', [3, 5]), signal)).toEqual({ type: 'fail', error: 'cas-mismatch' });
    const other = await etcdTarget.openClient('register', cluster.nodes[2], { opts, nodes: cluster.nodes });
    expect(await other.invoke(op(5, 'read', null), signal)).toEqual({ type: 'ok', value: 4 });
  });

  it('reports a write to a killed member as definite (connection refused), a read too', async () => {
    await cluster.kill('n3');
    const client = await etcdTarget.openClient('register', cluster.nodes[2], { opts, nodes: cluster.nodes });
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
