/**
 * A harness SIGKILLed during a power-loss run leaves its nodes and its powerloss-fs helpers running
 * and the data directories mounted; `faultline cleanup` kills exactly those processes, and no mount
 * is left (a killed helper's mount goes with it through fuse's auto_unmount; cleanup detaches any
 * that did not). Whatever the outcome, the test itself kills what the run recorded, by PID, and detaches
 * its mounts before removing the directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import { findRunDirs } from '../../src/cli/cleanup.js';
import { readPidRecord, type PidRecord } from '../../src/runtimes/pid-record.js';
import { isMounted, unmountNow } from '../../src/runtimes/powerloss-fs.js';
import { runCliProcess, startCliProcess } from '../support/cli.js';
import { describeWith, powerLossFacility } from '../support/facility.js';
import { killAlive, processAlive } from '../support/processes.js';

let dir: string | undefined;
let harness: ChildProcess | undefined;
let rec: PidRecord | undefined;

afterEach(() => {
  if (harness?.pid !== undefined) killAlive([harness.pid]);
  killAlive(rec?.procs.map((p) => p.pid) ?? []);
  for (const m of rec?.mounts ?? []) unmountNow(m);
  harness = undefined;
  rec = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeWith([powerLossFacility], 'faultline cleanup after a SIGKILLed power-loss run', () => {
  it('kills the nodes and helpers and detaches every data-directory mount', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-cleanup-pl-'));
    harness = startCliProcess([
      'run', '--nemesis', 'power-loss', '--nemesis-interval', '1', '--time-limit', '60', '--seed', '5', '--no-progress', '--reports-dir', dir,
    ]);
    let run: string | undefined;
    for (let i = 0; i < 600; i++) {
      run ??= findRunDirs(dir)[0];
      rec = run ? readPidRecord(run) : undefined;
      if (rec && rec.procs.length === 6) break; // three helpers, then three nodes
      await sleep(50);
    }
    expect(rec?.procs.map((p) => p.name).sort()).toEqual(['n1', 'n1-disk', 'n2', 'n2-disk', 'n3', 'n3-disk']);
    harness.kill('SIGKILL');
    await new Promise((r) => (harness!.exitCode !== null || harness!.signalCode !== null ? r(null) : harness!.once('exit', r)));

    rec = readPidRecord(run!)!;
    const helpers = rec.procs.filter((p) => p.name.endsWith('-disk'));
    expect(helpers.every((p) => processAlive(p.pid))).toBe(true); // orphans, as a SIGKILL leaves them
    expect(rec.mounts).toHaveLength(3);
    expect(rec.mounts!.every(isMounted)).toBe(true);

    const r = await runCliProcess(['cleanup', dir]);
    expect(r.code, r.stderr).toBe(0);
    // The helpers for sure; the nodes too unless they ended on their own when the harness died.
    const killed = /killed ([\d, ]+)\n/.exec(r.stdout)?.[1]?.split(', ').map(Number) ?? [];
    expect(killed, r.stdout).toEqual(expect.arrayContaining(helpers.map((p) => p.pid)));
    expect(rec.procs.filter((p) => processAlive(p.pid))).toEqual([]);
    expect(rec.mounts!.filter(isMounted)).toEqual([]);
  });
});
