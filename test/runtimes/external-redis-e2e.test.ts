/**
 * The external runtime end to end with Redis and Sentinel, through the real CLI, against a real 3-node
 * Redis (a primary, two replicas, a Sentinel beside each) that the test starts itself as a user's
 * cluster (test/support/scripted-redis.ts); the cluster file gives each node's Sentinel as `peer-port`
 * and kill/restart and pause/resume commands that act on redis-server only:
 *  - without faults the register history is valid;
 *  - under pauses of the primary the run completes with a verdict (a lost write is Redis's own finding,
 *    so either), the control program recorded a real stop (SIGSTOP, seen by the kernel) and the resume,
 *    no Sentinel was touched, and afterwards every server and Sentinel runs and answers PING.
 * The up-front refusal of a file without peer ports is in external-config.test.ts (no Redis needed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import { runCliProcess } from '../support/cli.js';
import { describeWith, redisFacility } from '../support/facility.js';
import { ScriptedRedis } from '../support/scripted-redis.js';

let dir: string;
let cluster: ScriptedRedis | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-external-redis-'));
});
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The cluster file of `c`: every node with its Sentinel's port, kill/restart and pause/resume through ctl.cjs. */
function clusterFile(c: ScriptedRedis): string {
  const file = join(dir, 'cluster.yaml');
  const nodes = c.plan.nodes.map((n) => `  - {name: ${n.name}, host: ${n.host}, port: ${n.clientPort}, peer-port: ${n.peerPort}}`).join('\n');
  const commands = { kill: c.command('kill', '{node}'), restart: c.command('restart', '{node}'), pause: c.command('pause', '{node}'), resume: c.command('resume', '{node}') };
  writeFileSync(file, `nodes:\n${nodes}\ncommands:\n${Object.entries(commands).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')}\n`);
  return file;
}

const runArgs = (file: string, ...more: string[]) => [
  'run', '--runtime', 'external', '--runtime-opt', `cluster=${file}`, '--runtime-opt', 'ready-timeout=120',
  '--target', 'redis', '--workload', 'register', '--no-progress', '--reports-dir', join(dir, 'reports'), ...more,
];

describeWith([redisFacility], 'external runtime on a Redis cluster with Sentinels that faultline did not start', () => {
  it('is valid without faults, its clients following the Sentinels at the peer ports', async () => {
    cluster = await ScriptedRedis.start(dir, 3);
    const r = await runCliProcess(runArgs(clusterFile(cluster), '--nemesis', 'none', '--time-limit', '6', '--seed', '1'), { cwd: dir, timeoutMs: 240_000 });
    expect(r.stdout, r.stderr).toMatch(/verdict\s+valid/);
    expect(r.code).toBe(0);
  }, 300_000);

  it('pauses the primary through the user commands, completes with a verdict, and leaves every server and Sentinel answering', async () => {
    cluster = await ScriptedRedis.start(dir, 3, { 'down-after-ms': '2000' });
    const c = cluster;
    const r = await runCliProcess(
      runArgs(clusterFile(c), '--nemesis', 'pause', '--nemesis-opt', 'pause.targets=leader', '--nemesis-interval', '6', '--time-limit', '25', '--op-timeout', '1', '--seed', '2'),
      { cwd: dir, timeoutMs: 300_000 },
    );
    expect([0, 1], `${r.stdout}\n${r.stderr}`).toContain(r.code);
    expect(r.stdout).toMatch(/verdict\s+(valid|INVALID)/);
    const nodes = c.plan.nodes.map((n) => n.name);
    const stopped = nodes.filter((n) => c.record(n, '.stopped').length > 0);
    expect(stopped.length, 'the pause command stopped a server (the kernel showed it stopped)').toBeGreaterThan(0);
    for (const n of stopped) expect(c.record(n, '.resumed'), `${n} was resumed`).not.toEqual([]);
    for (const n of nodes) {
      const s = `${n}-sentinel`;
      expect(c.record(s, 's'), `${s} never restarted`).toHaveLength(1);
      expect(c.record(s, '.stopped'), `${s} never paused`).toEqual([]);
    }
    expect(readPidRecord(join(dir, 'reports', 'latest'))?.external?.down, 'nothing left to undo').toEqual({});
    for (const n of c.plan.nodes) {
      expect(c.state(n.name), `${n.name} runs, not stopped`).toMatch(/^[RSD]$/);
      expect(c.state(`${n.name}-sentinel`), `${n.name}'s Sentinel runs`).toMatch(/^[RSD]$/);
      expect(await c.ping(n), `${n.name} answers PING`).toBe('PONG');
      expect(await c.ping(n, true), `${n.name}'s Sentinel answers PING`).toBe('PONG');
    }
  }, 400_000);
});
