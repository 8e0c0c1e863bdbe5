/**
 * The kill nemesis in stop mode (`kill.mode=stop`) on the external runtime, which the nemesis contract
 * does not cover: the cluster file's `stop` command (SIGTERM through the fixture's control script)
 * really ends each node — its port is closed and its process gone — and `restart` brings them back
 * with their data, against the raft-kv cluster in network namespaces of test/support/external-netns-cluster.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import type { Cluster } from '../../src/runtimes/runtime.js';
import type { ClusterFile } from '../../src/runtimes/external-config.js';
import { externalRuntime } from '../../src/runtimes/external.js';
import { nemeses } from '../../nemeses/index.js';
import type { NemesisPackage } from '../../nemeses/nemesis.js';
import { KvClient } from '../../targets/raft-kv/client/kv-client.js';
import { raftKvTarget } from '../../targets/raft-kv/index.js';
import { raftKvOptionsSchema } from '../../targets/raft-kv/options.js';
import { startExternalNetnsCluster } from '../support/external-netns-cluster.js';
import { describeWith, netnsFacilities } from '../support/facility.js';
import { portClosed } from '../support/ports.js';
import { processAlive } from '../support/processes.js';
import type { Fixture } from '../support/runtimes-under-test.js';

const opts = raftKvOptionsSchema.parse({});

describeWith(netnsFacilities, 'external runtime: kill nemesis in stop mode through the cluster file', () => {
  let made: Fixture | undefined;
  let cluster: Cluster | undefined;
  let kv: KvClient | undefined;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-external-stop-'));
    made = await startExternalNetnsCluster(3);
  }, 60_000);
  afterAll(async () => {
    kv?.close();
    await cluster?.teardown();
    await made?.down();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('stop ends the node (port closed, process gone); restart brings it back with its data', async () => {
    const c = (cluster = await externalRuntime.setup(raftKvTarget, opts, 3, { runDir: dir, logger: silentLogger, seed: 7, options: made!.options }));
    const file = (made!.options as { cluster: ClusterFile }).cluster;
    const pidOf = (name: string) => Number(readFileSync(join(dirname(file.file), `${name}.pid`), 'utf8'));
    kv = new KvClient(c.nodes, c.nodes[0]!);
    expect(await kv.call({ f: 'write', key: 'stop', value: 1 }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok' });
    const pkg = nemeses.kill!.pkg as NemesisPackage;
    const n = pkg.create({ cluster: c, target: raftKvTarget, targetOpts: opts, logger: silentLogger }, pkg.optionsSchema.parse({ mode: 'stop' }));
    // Every node stopped and restarted: only what each finds in its own data directory can hold the write.
    const names = file.nodes.map((x) => x.name);
    const before = names.map(pidOf);
    const op = (f: string, value: unknown) => n.invoke({ index: 0, time: 0, process: 'nemesis', type: 'invoke', f, value });
    expect(await op('kill', { targets: 'all', nodes: ['n1', 'n2', 'n3'] })).toMatchObject({ type: 'ok', value: { nodes: ['n1', 'n2', 'n3'] } });
    for (const x of c.nodes) expect(await portClosed(x.clientPort, x.host), `${x.name} closed`).toBe(true);
    for (const p of before) expect(processAlive(p)).toBe(false);
    expect(await op('restart', null)).toMatchObject({ type: 'ok', value: { nodes: ['n1', 'n2', 'n3'] } });
    for (const [i, x] of names.entries()) expect(pidOf(x)).not.toBe(before[i]);
    expect(await kv.call({ f: 'read', key: 'stop' }, AbortSignal.timeout(30_000))).toEqual({ type: 'ok', value: 1 });
  });
});
