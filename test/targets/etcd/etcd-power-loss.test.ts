/**
 * powerloss-fs under a Go binary: a 3-member etcd cluster whose data directories are power-loss
 * mounts (bbolt maps its file with mmap, the WAL preallocates and fdatasyncs) starts, serves, loses
 * power on every member at once, comes back, and still holds the write it acknowledged (etcd fsyncs
 * before acknowledging). The cluster is torn down and its directory removed, pass or fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.js';
import type { Op } from '../../../src/core/op.js';
import { localRuntime, type LocalCluster } from '../../../src/runtimes/local.js';
import { readPidRecord } from '../../../src/runtimes/pid-record.js';
import { nemeses } from '../../../nemeses/index.js';
import type { NemesisPackage } from '../../../nemeses/nemesis.js';
import { etcdOptionsSchema, etcdTarget } from '../../../targets/etcd/index.js';
import { describeWith, etcdFacility, powerLossFacility } from '../../support/facility.js';
import { killAlive } from '../../support/processes.js';

const op = (index: number, f: string, value: unknown, process: number | 'nemesis' = 0): Op => ({ index, time: 0, process, type: 'invoke', f, value, key: 'pl' });

describeWith([etcdFacility, powerLossFacility], 'etcd on power-loss mounts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-etcd-pl-'));
  const opts = etcdOptionsSchema.parse({});
  let cluster: LocalCluster | undefined;

  afterAll(async () => {
    await cluster?.teardown();
    killAlive(readPidRecord(dir)?.procs.map((p) => p.pid) ?? []);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps an acknowledged write through a power loss of every member', async () => {
    cluster = await localRuntime.setup(etcdTarget, opts, 3, { runDir: dir, logger: silentLogger, faults: ['power-loss'] });
    const signal = AbortSignal.timeout(60_000);
    const client = await etcdTarget.openClient(cluster.nodes[0]!, { opts, nodes: cluster.nodes });
    expect(await client.invoke(op(0, 'write', 7), signal)).toEqual({ type: 'ok' });
    const pkg = nemeses['power-loss']!.pkg as NemesisPackage;
    const n = pkg.create({ cluster, target: etcdTarget, targetOpts: opts, logger: silentLogger }, pkg.optionsSchema.parse({}));
    const all = cluster.nodes.map((x) => x.name);
    expect(await n.invoke(op(1, 'start-power-loss', { targets: 'all', nodes: all }, 'nemesis'))).toMatchObject({ type: 'ok', value: { nodes: all } });
    expect(cluster.pids()).toEqual([]);
    expect(await n.invoke(op(2, 'stop-power-loss', null, 'nemesis'))).toEqual({ type: 'ok', value: { nodes: all } });
    const after = await etcdTarget.openClient(cluster.nodes[1]!, { opts, nodes: cluster.nodes });
    let read: unknown;
    for (let i = 0; i < 100 && (read as { type?: string })?.type !== 'ok'; i++) {
      read = await after.invoke(op(3 + i, 'read', null), AbortSignal.timeout(5_000)).catch((e: unknown) => ({ error: String(e) }));
      if ((read as { type?: string }).type !== 'ok') await new Promise((r) => setTimeout(r, 200));
    }
    expect(read).toEqual({ type: 'ok', value: 7 });
  }, 120_000);
});
