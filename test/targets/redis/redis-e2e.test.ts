/**
 * End to end: `faultline run --target redis` against real redis-server processes and Sentinels.
 * Without faults the register history is valid. Under pauses of the primary, Sentinel fails over and
 * the deposed primary, resumed, acknowledges writes until Sentinel demotes it; they are lost, and the
 * register checkers find it — trying up to three seeds, each run showing that a failover happened.
 * A harness killed with SIGKILL leaves its servers and Sentinels to `faultline cleanup`, which removes
 * every one. Every run is checked by PID to leave nothing behind.
 *
 * The failover runs are shortened (30 s, a pause every 7 s): Sentinel's down-after 2 s and an op timeout of 1 s (so the clients
 * that replace timed-out ones ask Sentinel while it still names the paused primary, and stay with it,
 * as with the defaults over longer pauses). bench/redis-failover.ts measures the defaults over 5 seeds;
 * the rate (the loss in at least 4 of seeds 1..5) is asserted under a partition, in
 * redis-partition-e2e.test.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { findRunDirs } from '../../../src/cli/cleanup.js';
import { readPidRecord } from '../../../src/runtimes/pid-record.js';
import { describeWith, redisFacility } from '../../support/facility.js';
import { runCliProcess, startCliProcess } from '../../support/cli.js';
import { killAlive, processAlive, recordedNodePids } from '../../support/processes.js';
import { sentinelLogs } from '../../support/sentinel-logs.js';

const reports = mkdtempSync(join(tmpdir(), 'faultline-redis-e2e-'));
const runDirs: string[] = [];
afterAll(() => {
  for (const dir of [...runDirs, ...findRunDirs(reports)].filter((d) => existsSync(join(d, 'pids.json')))) killAlive(recordedNodePids(dir));
  rmSync(reports, { recursive: true, force: true });
});

let runs = 0;
async function faultlineRun(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; dir: string }> {
  const out = join(reports, String(runs++));
  const r = await runCliProcess(['run', '--target', 'redis', '--workload', 'register', ...args, '--no-progress', '--reports-dir', out], { timeoutMs: 180_000 });
  const [dir] = findRunDirs(out);
  runDirs.push(dir!);
  expect(recordedNodePids(dir!).filter(processAlive), 'processes left behind').toEqual([]);
  return { ...r, dir: dir! };
}

describeWith([redisFacility], 'faultline run --target redis', () => {
  it('is valid without faults, with a primary, two replicas and three Sentinels', async () => {
    const r = await faultlineRun(['--nemesis', 'none', '--time-limit', '4', '--seed', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/verdict\s+valid/);
    const rec = readPidRecord(r.dir)!;
    expect(rec.procs.map((p) => p.name).sort()).toEqual(['n1', 'n1-sentinel', 'n2', 'n2-sentinel', 'n3', 'n3-sentinel']);
    const ok = readFileSync(join(r.dir, 'history.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"type":"ok"')).length;
    expect(ok).toBeGreaterThan(100);
  });

  it('finds acknowledged writes lost to a Sentinel failover under pauses of the primary (within three seeds)', async () => {
    const verdicts: string[] = [];
    // Seed 1's schedule missed the loss in both runs seen at these settings; start at 2 to keep the test short.
    for (const seed of [2, 3, 4]) {
      const r = await faultlineRun([
        '--nemesis', 'pause', '--nemesis-opt', 'pause.targets=leader', '--nemesis-interval', '7',
        '--target-opt', 'down-after-ms=2000', '--op-timeout', '1', '--time-limit', '30', '--seed', String(seed),
      ]);
      verdicts.push(`seed ${seed}: exit ${r.code}`);
      expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
      if (r.code !== 1) continue;
      expect(r.stdout).toMatch(/linearizable INVALID/);
      expect(sentinelLogs(r.dir)).toMatch(/\+switch-master/); // a failover really happened
      return;
    }
    expect.fail(`no anomaly found: ${verdicts.join(', ')}`);
  }, 150_000);

  it('leaves servers and Sentinels of a SIGKILLed harness to faultline cleanup, which removes them all', async () => {
    const out = join(reports, 'killed');
    const harness = startCliProcess(['run', '--target', 'redis', '--nemesis', 'none', '--time-limit', '120', '--seed', '3', '--no-progress', '--reports-dir', out]);
    try {
      let pids: number[] = [];
      for (let i = 0; i < 600 && pids.length < 6; i++) {
        const [dir] = findRunDirs(out);
        const history = dir ? join(dir, 'history.jsonl') : '';
        if (dir && existsSync(history) && readFileSync(history, 'utf8').includes('"type":"ok"')) pids = readPidRecord(dir)?.procs.map((p) => p.pid) ?? [];
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(pids).toHaveLength(6);
      harness.kill('SIGKILL');
      await new Promise((r) => (harness.exitCode !== null || harness.signalCode !== null ? r(null) : harness.once('exit', r)));
      expect(pids.filter(processAlive)).toHaveLength(6); // orphans, as a SIGKILL leaves them
      const c = await runCliProcess(['cleanup', out]);
      expect(c.code, c.stderr).toBe(0);
      expect(c.stdout).toContain('6 processes killed');
      expect(pids.filter(processAlive)).toEqual([]);
    } finally {
      if (harness.exitCode === null && harness.signalCode === null) harness.kill('SIGKILL');
    }
  });
});
