/**
 * The external runtime end to end, through the real CLI, against a real 3-node raft-kv cluster the
 * test starts itself (test/support/scripted-cluster.ts), faulted only through the commands the test
 * writes into the cluster file:
 *  - kill,pause: the run is valid, the test saw (through /proc) a node really stopped and a node's
 *    process really replaced, and afterwards every node runs, unpaused, and answers;
 *  - partition through user commands that cut links of test-controlled link proxies (per cut link,
 *    `{from}`/`{to}`): the run is valid, a cut link really dropped peer messages, all are healed after;
 *  - SIGKILL of the harness while a node is paused, then `faultline cleanup`: the node is resumed.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeStatus } from '../../targets/raft-kv/index.js';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import { runCliProcess, startCliProcess } from '../support/cli.js';
import { processAlive } from '../support/processes.js';
import { ScriptedCluster } from '../support/scripted-cluster.js';

let dir: string;
let cluster: ScriptedCluster | undefined;
let harness: ChildProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-external-e2e-'));
});
afterEach(async () => {
  if (harness?.pid && processAlive(harness.pid)) process.kill(harness.pid, 'SIGKILL'); // a test that failed before it did
  harness = undefined;
  await cluster?.stop();
  cluster = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function clusterFile(c: ScriptedCluster, commands: Record<string, string[]>): string {
  const file = join(dir, 'cluster.yaml');
  const nodes = c.plan.nodes.map((n) => `  - {name: ${n.name}, host: ${n.host}, port: ${n.clientPort}}`).join('\n');
  writeFileSync(file, `nodes:\n${nodes}\ncommands:\n${Object.entries(commands).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')}\n`);
  return file;
}

const runArgs = (file: string, nemesis: string, seconds: number, interval = 0.7, seed?: number) => [
  'run', '--runtime', 'external', '--runtime-opt', `cluster=${file}`, '--target', 'raft-kv', '--nemesis', nemesis,
  '--time-limit', String(seconds), '--nemesis-interval', String(interval), '--concurrency', '3', '--reports-dir', join(dir, 'reports'), '--nemesis-opt', 'settle=1',
  ...(seed !== undefined ? ['--seed', String(seed)] : []),
];

/** Every node runs, is not stopped, and answers raft-kv's status. */
async function expectAllUp(c: ScriptedCluster): Promise<void> {
  for (const n of c.plan.nodes) {
    expect(c.state(n.name), `${n.name} runs, not stopped`).toMatch(/^[RSD]$/);
    expect(await nodeStatus({ name: n.name, host: n.host, clientPort: n.clientPort }, AbortSignal.timeout(5_000)), `${n.name} answers`).toBeDefined();
  }
}

describe('external runtime on a raft-kv cluster faultline did not start', () => {
  it('kill and pause through user commands really happen, the run is valid, and the cluster is left running', async () => {
    cluster = await ScriptedCluster.start(dir, 3);
    const c = cluster;
    const file = clusterFile(c, { kill: c.command('kill', '{node}'), restart: c.command('restart', '{node}'), pause: c.command('pause', '{node}'), resume: c.command('resume', '{node}') });
    // A seed whose first round kills a majority and then pauses the node left up: a random seed could
    // pause only nodes already dead (kill all, then pause), and then nothing is there to see stopped.
    const r = await runCliProcess(runArgs(file, 'kill,pause', 8, 0.7, 1680463503), { cwd: dir, timeoutMs: 90_000 });
    expect(r.stdout, r.stderr).toMatch(/verdict\s+valid/);
    expect(r.code).toBe(0);
    const nodes = c.plan.nodes.map((n) => n.name);
    const nemesisLog = () => readFileSync(join(dir, 'reports', 'latest', 'harness.log'), 'utf8').split('\n').filter((l) => / (nemesis|external) /.test(l)).join('\n');
    expect(nodes.some((n) => c.observed.get(n)!.stopped), `a node was seen stopped (SIGSTOP); the run's faults:\n${nemesisLog()}`).toBe(true);
    // Seen through /proc: some node ran as more than one process, and each replaced process is gone.
    expect(nodes.some((n) => c.observed.get(n)!.pids.size > 1), 'a node was killed and started again').toBe(true);
    for (const n of nodes) for (const old of [...c.observed.get(n)!.pids].filter((p) => p !== c.pid(n))) expect(processAlive(old), `${n}'s killed process ${old}`).toBe(false);
    await expectAllUp(c);
    const rec = readPidRecord(join(dir, 'reports', 'latest'));
    expect(rec?.external?.down).toEqual({});
  });

  it('partition through a per-link user command cuts real links, and they are healed afterwards', async () => {
    cluster = await ScriptedCluster.start(dir, 3, { proxied: true });
    const c = cluster;
    const file = clusterFile(c, { partition: c.command('cut', '{from}', '{to}'), heal: c.command('heal') });
    const r = await runCliProcess(runArgs(file, 'partition', 6), { cwd: dir, timeoutMs: 90_000 });
    expect(r.stdout, r.stderr).toMatch(/verdict\s+valid/);
    const names = c.plan.nodes.map((n) => n.name);
    const dropped = names.flatMap((a) => names.filter((b) => b !== a).map((b) => c.proxies!.state(a, b).dropped)).reduce((x, y) => x + y, 0);
    expect(dropped, 'cut links dropped peer messages').toBeGreaterThan(0);
    expect(c.proxies!.currentGrudge()).toEqual({});
    await expectAllUp(c);
  });

  it('after a SIGKILL of the harness mid-pause, faultline cleanup resumes the paused node', async () => {
    cluster = await ScriptedCluster.start(dir, 3);
    const c = cluster;
    const file = clusterFile(c, { pause: c.command('pause', '{node}'), resume: c.command('resume', '{node}') });
    // At least half an interval (2 s) passes between a pause and its resume: time to see it and SIGKILL.
    const h = startCliProcess(runArgs(file, 'pause', 60, 4), { cwd: dir });
    harness = h;
    const exited = new Promise((r) => h.once('exit', r));
    const paused = () => c.plan.nodes.map((n) => n.name).filter((n) => c.state(n) === 'T');
    for (let i = 0; i < 600 && paused().length === 0; i++) await sleep(50);
    expect(paused().length, 'a node got paused').toBeGreaterThan(0);
    process.kill(h.pid!, 'SIGKILL');
    await exited;
    await sleep(300);
    const left = paused();
    expect(left.length, 'the SIGKILLed harness left a node paused').toBeGreaterThan(0);
    const r = await runCliProcess(['cleanup', join(dir, 'reports')], { cwd: dir });
    expect(r.code).toBe(0);
    for (const n of left) expect(r.stdout).toContain(`the pause of ${n} (resumed)`);
    await expectAllUp(c);
  });
});
