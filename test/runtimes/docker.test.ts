/**
 * The docker runtime on a real 1-node etcd: a node whose process dies without the harness asking
 * (killed from outside, by PID) is reported through `onNodeExit` with its exit code and the tail of
 * its log; a restart brings it back in the same container and namespace (same address, same port);
 * teardown, called twice, removes every container and the network and leaves no node process. On a
 * 3-node raft-kv, a node killed and restarted keeps its partition rules and its clock offset (both
 * live in its network holder, which the restart does not touch). The fault abilities themselves are
 * covered by the nemesis contract suite, which runs on this runtime too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { dockerRuntime } from '../../src/runtimes/docker.js';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import { canKill, canPartition, canSkewClocks, hasLinkStats, type Cluster, type NodeExit } from '../../src/runtimes/runtime.js';
import { etcdOptionsSchema, etcdTarget } from '../../targets/etcd/index.js';
import { nodeStatus, raftKvTarget } from '../../targets/raft-kv/index.js';
import { leftOfDockerRun } from '../support/docker.js';
import { describeWith, dockerFacilities, etcdFacility } from '../support/facility.js';
import { processAlive } from '../support/processes.js';

let dir: string | undefined;
let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.teardown();
  if (dir) await dockerRuntime.cleanup(dir);
  if (dir) rmSync(dir, { recursive: true, force: true });
  cluster = undefined;
  dir = undefined;
});

const until = async (cond: () => boolean | Promise<boolean>, what: string) => {
  for (let i = 0; i < 400; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
};

describeWith(dockerFacilities, 'docker runtime faults across a restart', () => {
  it('a node killed and restarted keeps its partition rules and its clock offset', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-docker-'));
    const opts = raftKvTarget.optionsSchema.parse({});
    const c = await dockerRuntime.setup(raftKvTarget, opts, 3, { runDir: dir, logger: silentLogger, faults: ['partition', 'kill', 'clock'] });
    cluster = c;
    if (!canPartition(c) || !canKill(c) || !canSkewClocks(c) || !hasLinkStats(c)) throw new Error('docker partitions, kills, skews clocks and counts links');
    await c.partition({ n1: ['n2', 'n3'] }); // n1 hears from nobody
    await c.setClockOffset('n1', 900);
    await c.kill('n1');
    await c.restart('n1');
    const n1 = c.nodes.find((n) => n.name === 'n1')!;
    await until(async () => (await nodeStatus(n1, AbortSignal.timeout(1000)).catch(() => undefined))?.clockOffsetMs === 900, 'the restarted n1 reads offset 900');
    const before = (await c.linkStats('n2', 'n1')).dropped;
    await until(async () => (await c.linkStats('n2', 'n1')).dropped > before, 'what n2 sends the restarted n1 is still dropped');
    expect((await c.linkStats('n2', 'n3')).dropped).toBe(0);
  }, 90_000);
});

describeWith([...dockerFacilities, etcdFacility], 'docker runtime', () => {
  it('reports a node that dies on its own, restarts it in place, and tears down twice leaving nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-docker-'));
    const exits: NodeExit[] = [];
    const opts = etcdOptionsSchema.parse({});
    const c = await dockerRuntime.setup(etcdTarget, opts, 1, { runDir: dir, logger: silentLogger, faults: ['kill'], onNodeExit: (e) => exits.push(e) });
    cluster = c;
    const rec = readPidRecord(dir)!;
    expect(rec.runtime).toBe('docker');
    expect(rec.procs).toHaveLength(1);
    const [node] = c.nodes;
    process.kill(rec.procs[0]!.pid, 'SIGKILL'); // not the harness's doing
    await until(() => exits.length > 0, 'the exit reported');
    expect(exits[0]).toMatchObject({ node: 'n1', code: 137 });
    expect(exits[0]!.logTail.length).toBeGreaterThan(0);
    expect(exits[0]!.logTail.join('\n')).toMatch(/etcd/);

    if (!canKill(c)) throw new Error('docker kills and restarts');
    await c.restart('n1');
    await until(() => etcdTarget.isReady(node!, opts, AbortSignal.timeout(1000)).catch(() => false), 'n1 serves again at its address');
    await c.kill('n1'); // asked for: not reported
    await c.restart('n1');
    expect(exits).toHaveLength(1);

    await c.teardown();
    await c.teardown();
    const after = readPidRecord(dir)!;
    expect(after.procs).toHaveLength(3);
    expect(after.procs.filter((p) => processAlive(p.pid))).toEqual([]);
    expect(leftOfDockerRun(after.docker!)).toEqual([]);
  }, 90_000);
});
