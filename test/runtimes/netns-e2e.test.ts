/**
 * End to end under `--runtime netns`: 3-node raft-kv and etcd clusters with partitions, kills and
 * pauses as kernel-level faults stay linearizable (reads through the leader / quorum); the faults
 * really happened (a partition at least). Stale serializable reads of etcd are measured over seeds in
 * `bench/runtimes.ts` (too rare in a short run to assert here). Every run must also leave no node
 * process, namespace, link or FORWARD rule: its own teardown removes them (checked by PID and name);
 * afterAll cleans up whatever a failed run left.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { netnsRuntime } from '../../src/runtimes/netns.js';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import { runCliProcess } from '../support/cli.js';
import { describeWith, etcdFacility, netnsFacilities } from '../support/facility.js';
import { leftOfNetwork } from '../support/netns.js';
import { processAlive } from '../support/processes.js';
import { onlyRunDir, runOutcome, type RunOutcome } from '../support/run-outcome.js';

const reports = mkdtempSync(join(tmpdir(), 'faultline-netns-e2e-'));
const runDirs: string[] = [];
afterAll(async () => {
  for (const d of runDirs.filter((x) => existsSync(join(x, 'pids.json')))) await netnsRuntime.cleanup(d);
  rmSync(reports, { recursive: true, force: true });
});

let runs = 0;
/** One `faultline run --runtime netns`; resolves with its verdict, the anomaly kinds and the faults applied. */
async function netnsRun(args: string[], seed: number): Promise<RunOutcome> {
  const dir = join(reports, String(runs++));
  const r = await runCliProcess(['run', '--runtime', 'netns', ...args, '--time-limit', '12', '--seed', String(seed), '--no-progress', '--reports-dir', dir], { timeoutMs: 100_000 });
  const runDir = onlyRunDir(dir);
  runDirs.push(runDir);
  expect(r.stderr).not.toMatch(/Error|at .*\.js:\d+/);
  const rec = readPidRecord(runDir)!;
  expect(rec.runtime).toBe('netns');
  expect(rec.procs.filter((p) => processAlive(p.pid)), 'node processes left running').toEqual([]);
  expect(await leftOfNetwork(rec.netns!), 'network left behind').toEqual([]);
  return runOutcome(runDir);
}

describeWith(netnsFacilities, 'raft-kv under the netns runtime', () => {
  it('partition, kill, pause: linearizable reads stay valid', async () => {
    const r = await netnsRun(['--target', 'raft-kv', '--nemesis', 'partition,kill,pause', '--nemesis-interval', '1'], 1);
    expect(r.faults).toEqual(expect.arrayContaining(['start-partition']));
    expect(r.kinds).toEqual([]);
    expect(r.valid).toBe(true);
  }, 110_000);
});

describeWith([...netnsFacilities, etcdFacility], 'etcd under the netns runtime', () => {
  it('partition, kill, pause: linearizable reads stay valid', async () => {
    const r = await netnsRun(['--target', 'etcd', '--nemesis', 'partition,kill,pause', '--nemesis-interval', '1'], 1);
    expect(r.faults).toEqual(expect.arrayContaining(['start-partition']));
    expect(r.kinds).toEqual([]);
    expect(r.valid).toBe(true);
  }, 110_000);
});
