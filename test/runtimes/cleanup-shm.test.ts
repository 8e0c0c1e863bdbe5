/**
 * `faultline cleanup` removes libfaketime's /dev/shm files only for PIDs that are still the recorded
 * process: a recorded PID that now names another process (the identity in pids.json no longer
 * matches /proc), or no process at all, keeps its files, which may be another program's. Real
 * processes (`sleep`) stand in for nodes; the test kills them by PID and removes its files, pass or fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupRun } from '../../src/cli/cleanup.js';
import { shmFiles } from '../../src/runtimes/local-clock.js';
import { procIdentity, writePidRecord, type ProcIdentity } from '../../src/runtimes/pid-record.js';
import { killAlive, processAlive } from '../support/processes.js';

let children: ChildProcess[] = [];
let created: string[] = [];
let dir: string | undefined;

afterEach(() => {
  killAlive(children.map((c) => c.pid!));
  for (const f of created) rmSync(f, { force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
  children = [];
  created = [];
});

/** A live `sleep` and its identity as /proc reports it now. */
async function sleeper(): Promise<ProcIdentity> {
  const c = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(c);
  for (let i = 0; i < 100; i++) {
    const id = procIdentity(c.pid!);
    if (id?.cmdline === 'sleep 60') return id;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('sleep did not start');
}

/** Creates the shm files libfaketime would have made for `pid`; returns them. */
function shmFor(pid: number): string[] {
  const files = shmFiles(pid);
  for (const f of files) writeFileSync(f, 'x');
  created.push(...files);
  return files;
}

describe('cleanup and libfaketime shm files', () => {
  it('removes them for a process that is still ours, leaves them for a PID that is not', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-cleanup-shm-'));
    mkdirSync(join(dir, 'nodes'));
    const clock = join(dir, 'nodes', 'n1.faketime');
    writeFileSync(clock, '+0.000s\n');
    const ours = await sleeper();
    const reused = await sleeper(); // this PID is now "someone else's": its recorded identity differs
    const gone = await sleeper();
    children.at(-1)!.kill('SIGKILL');
    await new Promise((r) => children.at(-1)!.once('exit', r));
    const oursShm = shmFor(ours.pid);
    const reusedShm = shmFor(reused.pid);
    const goneShm = shmFor(gone.pid);
    writePidRecord(dir, {
      harness: 1 << 30,
      nodes: [ours.pid, reused.pid, gone.pid],
      procs: [
        { name: 'n1', ...ours },
        { name: 'n2', ...reused, startTicks: reused.startTicks - 1 },
        { name: 'n3', ...gone },
      ],
      files: [clock, ...oursShm, ...reusedShm, ...goneShm],
    });

    const r = await cleanupRun(dir);
    expect(r.killed).toEqual([ours.pid]);
    expect(processAlive(ours.pid)).toBe(false);
    expect(processAlive(reused.pid)).toBe(true);
    expect(existsSync(clock)).toBe(false);
    expect(oursShm.filter(existsSync)).toEqual([]);
    expect(reusedShm.filter(existsSync)).toEqual(reusedShm);
    expect(goneShm.filter(existsSync)).toEqual(goneShm);
  });
});
