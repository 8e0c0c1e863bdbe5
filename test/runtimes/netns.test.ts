/**
 * The netns runtime on a real 3-node raft-kv cluster: each node in its own namespace with its own
 * address (all on the same ports), names short and unique per run, two clusters side by side, and a
 * teardown that leaves no process, namespace, link or FORWARD rule. The fault abilities are covered by
 * the nemesis contract suite (test/nemeses/contract-suite.ts), which runs on this runtime too. Every
 * cluster is torn down and every recorded process killed by PID after each test, pass or fail.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { netnsRuntime } from '../../src/runtimes/netns.js';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import type { Cluster } from '../../src/runtimes/runtime.js';
import { nodeStatus, raftKvTarget } from '../../targets/raft-kv/index.js';
import { raftKvOptionsSchema } from '../../targets/raft-kv/options.js';
import { describeWith, netnsFacilities } from '../support/facility.js';
import { killAlive, processAlive } from '../support/processes.js';
import { leftOfNetwork } from '../support/netns.js';

const opts = raftKvOptionsSchema.parse({});
const dirs: string[] = [];
const clusters: Cluster[] = [];

afterEach(async () => {
  for (const c of clusters.splice(0)) await c.teardown();
  for (const d of dirs.splice(0)) {
    const rec = readPidRecord(d);
    if (rec) killAlive(rec.nodes);
    if (rec?.netns) await netnsRuntime.cleanup(d);
    rmSync(d, { recursive: true, force: true });
  }
});

async function start(): Promise<{ dir: string; cluster: Cluster }> {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-netns-'));
  dirs.push(dir);
  const cluster = await netnsRuntime.setup(raftKvTarget, opts, 3, { runDir: dir, logger: silentLogger, faults: ['partition', 'kill', 'pause'] });
  clusters.push(cluster);
  return { dir, cluster };
}

describeWith(netnsFacilities, 'netns runtime', () => {
  it('runs each node in its own namespace with its own address; two runs side by side; teardown leaves nothing', async () => {
    const [a, b] = [await start(), await start()];
    for (const { dir, cluster } of [a, b]) {
      const rec = readPidRecord(dir)!;
      expect(rec.runtime).toBe('netns');
      const net = rec.netns!;
      for (const name of [net.bridge, ...net.veths]) expect(name.length).toBeLessThanOrEqual(15);
      expect(new Set(cluster.nodes.map((n) => n.host)).size).toBe(3);
      expect(new Set(cluster.nodes.map((n) => n.clientPort)).size).toBe(1);
      for (const [i, pid] of rec.nodes.entries()) {
        expect(execFileSync('ip', ['netns', 'identify', String(pid)], { encoding: 'utf8' }).trim()).toBe(net.namespaces[i]);
      }
      for (const n of cluster.nodes) expect((await nodeStatus(n, AbortSignal.timeout(5000)))?.id).toBe(n.name);
    }
    const [ra, rb] = [readPidRecord(a.dir)!.netns!, readPidRecord(b.dir)!.netns!];
    expect(ra.bridge).not.toBe(rb.bridge);
    expect(ra.bridgeAddress).not.toBe(rb.bridgeAddress);

    await a.cluster.teardown();
    const recA = readPidRecord(a.dir)!;
    expect(recA.nodes.filter(processAlive)).toEqual([]);
    expect(await leftOfNetwork(recA.netns!)).toEqual([]);
    // The other run is untouched.
    for (const n of b.cluster.nodes) expect((await nodeStatus(n, AbortSignal.timeout(5000)))?.id).toBe(n.name);
  });

  it('refuses up front what it cannot apply, in one line naming what can', () => {
    for (const f of ['link-delay', 'link-duplicate', 'link-bandwidth', 'partition-clients', 'power-loss'] as const) {
      const why = netnsRuntime.unsupported!(f, raftKvTarget);
      expect(why).toMatch(/^[^\n]+--runtime local/);
    }
    for (const f of ['partition', 'link', 'link-loss', 'kill', 'stop', 'pause', 'clock'] as const) expect(netnsRuntime.unsupported!(f, raftKvTarget)).toBeUndefined();
  });
});
