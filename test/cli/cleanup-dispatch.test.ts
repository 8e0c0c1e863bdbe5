/**
 * `faultline cleanup` hands each run to the runtime its pids.json names: the local runtime kills the
 * recorded processes still ours; a runtime this faultline does not have is named, and nothing of that
 * run is touched. Real `sleep` processes stand in for nodes; the test kills them by PID, pass or fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupRun } from '../../src/cli/cleanup.js';
import { procIdentity, readPidRecord, writePidRecord, type ProcIdentity } from '../../src/runtimes/pid-record.js';
import { killAlive, processAlive } from '../support/processes.js';

let children: ChildProcess[] = [];
let dir: string | undefined;
afterEach(() => {
  killAlive(children.map((c) => c.pid!));
  children = [];
  if (dir) rmSync(dir, { recursive: true, force: true });
});

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

describe('faultline cleanup, by runtime', () => {
  it('has the runtime the record names clean the run, and stamps the record', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-cleanup-rt-'));
    const node = await sleeper();
    writePidRecord(dir, { runtime: 'local', harness: 1 << 30, nodes: [node.pid], procs: [{ name: 'n1', ...node }], files: [] });
    const r = await cleanupRun(dir);
    expect(r).toMatchObject({ killed: [node.pid] });
    expect(processAlive(node.pid)).toBe(false);
    expect(readPidRecord(dir)!.cleanedAt).toBeDefined();
  });

  it('names a runtime it does not have and touches nothing of that run', async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-cleanup-rt-'));
    const node = await sleeper();
    writePidRecord(dir, { runtime: 'mainframe', harness: 1 << 30, nodes: [node.pid], procs: [{ name: 'n1', ...node }], files: [] });
    const r = await cleanupRun(dir);
    expect(r.killed).toEqual([]);
    expect(r.skipped).toMatch(/^pids\.json names runtime mainframe, which this faultline does not have \(local/);
    expect(processAlive(node.pid)).toBe(true);
    expect(readPidRecord(dir)!.cleanedAt).toBeUndefined();
  });
});
