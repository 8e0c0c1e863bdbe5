/**
 * Sidecars on the local runtime (`NodeSpec.sidecars`): a helper process per node, started with the
 * node's first start, that survives the node's kill and pause, is not started twice by a restart,
 * is recorded for `faultline cleanup`, and is stopped at teardown. Spec files are written before the
 * process that needs them starts, and only before its first start. Real processes: each node and
 * sidecar is a small Node HTTP server (the sidecar runs the target's program, node, with its own args).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanupRun } from '../../src/cli/cleanup.js';
import { silentLogger } from '../../src/core/logger.js';
import type { NodePlan, Target } from '../../src/core/target.js';
import { localRuntime, type LocalCluster } from '../../src/runtimes/local.js';
import { readPidRecord, writePidRecord } from '../../src/runtimes/pid-record.js';
import { fixtureTarget } from '../support/fixture-target.js';
import { killAlive, processAlive } from '../support/processes.js';

/** A server answering every request with the content of `file` (read at start). */
const server = (port: number, file: string) =>
  `const t = require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'); require('node:http').createServer((q, s) => s.end(t)).listen(${port}, '127.0.0.1')`;

const conf = (node: NodePlan, what: string) => join(dirname(node.dataDir), `${what}.txt`);

/** The fixture target, each node with a sidecar on its peer port; both read a file the spec provides. */
const sidecarTarget: Target<{ crash: boolean }> = {
  ...fixtureTarget,
  name: 'fixture-sidecar',
  nodeSpec(node, cluster, opts) {
    const base = fixtureTarget.nodeSpec(node, cluster, opts);
    return {
      ...base,
      files: [{ path: conf(node, 'node'), content: `node ${node.name}` }],
      sidecars: [{ name: 'watcher', args: ['-e', server(node.peerPort, conf(node, 'watcher'))], files: [{ path: conf(node, 'watcher'), content: `watcher of ${node.name}` }] }],
    };
  },
};

async function get(port: number, ms = 2000): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(ms) })).text();
}

/**
 * `get`, retried while nothing listens yet: setup waits for the node's readiness, not a sidecar's
 * (sidecars declare none), so a loaded machine can reach this before the sidecar's server is up.
 */
async function getOnceUp(port: number, withinMs = 15_000): Promise<string> {
  const until = Date.now() + withinMs;
  for (;;) {
    try {
      return await get(port);
    } catch (e) {
      const refused = (e as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
      if (!refused || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

let dir: string;
let cluster: LocalCluster | undefined;
let started: number[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-sidecar-'));
});
afterEach(async () => {
  await cluster?.teardown();
  killAlive(started);
  cluster = undefined;
  started = [];
  rmSync(dir, { recursive: true, force: true });
});

describe('local runtime sidecars', () => {
  it('start with their node, survive its kill and pause, start once, and stop at teardown', async () => {
    cluster = await localRuntime.setup(sidecarTarget, { crash: false }, 2, { runDir: dir, logger: silentLogger });
    started = cluster.pids();
    expect(started).toHaveLength(4);
    const [n1] = cluster.plan.nodes;
    expect(readFileSync(conf(n1, 'node'), 'utf8')).toBe('node n1');
    expect(await getOnceUp(n1.peerPort)).toBe('watcher of n1');
    expect(cluster.nodes[0].peerPort).toBe(n1.peerPort);
    const rec = readPidRecord(dir)!;
    expect(rec.procs.map((p) => p.name).sort()).toEqual(['n1', 'n1-watcher', 'n2', 'n2-watcher']);
    expect(readFileSync(join(dir, 'nodes', 'n1-watcher.log'), 'utf8')).toBe('');

    await cluster.pause('n1');
    expect(await get(n1.peerPort)).toBe('watcher of n1');
    await cluster.resume('n1');
    writeFileSync(conf(n1, 'node'), 'changed by the node');
    await cluster.kill('n1');
    expect(await get(n1.peerPort)).toBe('watcher of n1');
    await cluster.restart('n1');
    expect(readFileSync(conf(n1, 'node'), 'utf8')).toBe('changed by the node'); // not rewritten on restart
    expect(cluster.pids()).toHaveLength(4); // the sidecar was not started a second time
    const sidecarPids = readPidRecord(dir)!.procs.filter((p) => p.name.endsWith('-watcher')).map((p) => p.pid);
    expect(sidecarPids).toHaveLength(2);
    expect(sidecarPids.every((pid) => cluster!.pids().includes(pid))).toBe(true);

    const all = cluster.pids();
    await cluster.teardown();
    expect(all.filter(processAlive)).toEqual([]);
  });

  it('are killed by faultline cleanup when the harness did not tear down', async () => {
    cluster = await localRuntime.setup(sidecarTarget, { crash: false }, 1, { runDir: dir, logger: silentLogger });
    started = cluster.pids();
    // As if this harness had died: the record names a harness that is gone.
    const rec = readPidRecord(dir)!;
    writePidRecord(dir, { ...rec, harnessIdentity: { pid: 1, cmdline: 'not the harness', startTicks: 0 } });
    const report = await cleanupRun(dir);
    expect(report.killed.sort()).toEqual([...started].sort());
    expect(started.filter(processAlive)).toEqual([]);
  });
});
