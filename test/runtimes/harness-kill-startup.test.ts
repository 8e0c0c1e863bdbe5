/**
 * Nodes do not depend on the harness to live: a harness SIGKILLed while its raft-kv cluster is still
 * starting leaves three nodes that go on running and writing their logs (their output is the log
 * file, not a pipe to the dead harness), and `faultline cleanup` then finds and stops every one of
 * them. Everything is killed by PID afterwards, pass or fail.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { findRunDirs } from '../../src/cli/cleanup.js';
import { readPidRecord, sameProcess, type PidRecord } from '../../src/runtimes/pid-record.js';
import { runCliProcess, startCliProcess } from '../support/cli.js';
import { portClosed } from '../support/ports.js';
import { killAlive, processAlive } from '../support/processes.js';

let dir: string | undefined;
let harness: ChildProcess | undefined;
let nodePids: number[] = [];

afterEach(() => {
  killAlive([...(harness?.pid ? [harness.pid] : []), ...nodePids]);
  harness = undefined;
  nodePids = [];
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const logOf = (run: string, name: string) => {
  const f = join(run, 'nodes', `${name}.log`);
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
};

async function until(cond: () => boolean, what: string, tries = 600): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (cond()) return;
    await sleep(10);
  }
  throw new Error(`never happened: ${what}`);
}

describe('a harness SIGKILLed during start-up', () => {
  it('leaves nodes that keep running and logging, and cleanup stops them all', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-startup-kill-'));
    harness = startCliProcess(['run', '--nemesis', 'none', '--time-limit', '60', '--seed', '2', '--no-progress', '--reports-dir', dir]);
    let run: string | undefined;
    let rec: PidRecord | undefined;
    await until(() => {
      run ??= findRunDirs(dir!)[0];
      rec = run ? readPidRecord(run) : undefined;
      return rec?.procs.length === 3;
    }, 'three nodes started', 3000);
    harness.kill('SIGKILL');
    await new Promise((r) => (harness!.exitCode !== null || harness!.signalCode !== null ? r(null) : harness!.once('exit', r)));
    nodePids = rec!.nodes;
    // Start-up really was under way: the harness had not seen the cluster ready.
    expect(readFileSync(join(run!, 'harness.log'), 'utf8')).not.toContain('cluster ready');
    const sizesAtKill = ['n1', 'n2', 'n3'].map((n) => logOf(run!, n).length);

    // Each node goes on: it logs that it serves clients, and the cluster elects a leader, all after the harness died.
    await until(() => ['n1', 'n2', 'n3'].every((n) => logOf(run!, n).includes('serving clients on')), 'every node serving', 3000);
    await until(() => ['n1', 'n2', 'n3'].some((n) => logOf(run!, n).includes('raft: leader for term')), 'a leader elected', 3000);
    const sizesNow = ['n1', 'n2', 'n3'].map((n) => statSync(join(run!, 'nodes', `${n}.log`)).size);
    sizesNow.forEach((size, i) => expect(size).toBeGreaterThan(sizesAtKill[i]));
    await sleep(500);
    expect(rec!.procs.filter((p) => !sameProcess(p))).toEqual([]); // all three still alive
    const clientPorts = rec!.procs.map((p) => Number(/--listen 127\.0\.0\.1:(\d+)/.exec(p.cmdline)![1]));
    for (const port of clientPorts) expect(await portClosed(port)).toBe(false);

    const r = await runCliProcess(['cleanup', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 run directories checked, 3 processes killed/);
    expect(rec!.procs.map((p) => p.pid).filter(processAlive)).toEqual([]);
    for (const port of clientPorts) expect(await portClosed(port)).toBe(true);
  });
});
