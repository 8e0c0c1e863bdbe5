/**
 * End to end: `faultline run --nemesis power-loss` with every node losing power at once. raft-kv with
 * `fsync=false no-fsync-hold-ms=0` writes to its files at once but never fsyncs, like a real system
 * that forgot to: a power loss of all nodes loses acknowledged writes and the linearizability checker
 * must say so (that kill -9 loses none of them is shown on the fixture target in
 * test/runtimes/local-power-loss.test.ts and measured by bench/power-loss.ts); with fsync on (the
 * default) the same power losses must leave the history valid. Short runs, side by side: 15 s, a
 * power loss or a restart every ~3 s, 2 s op timeout, 1 s settle, 1000 ops per key (so that a key
 * written before a power loss is still read after it). Each run's harness tears its
 * cluster down itself; the test then checks that no node or helper it recorded is left and no mount.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import { isMounted, unmountNow } from '../../src/runtimes/powerloss-fs.js';
import { runCliProcess } from '../support/cli.js';
import { describeWith, powerLossFacility } from '../support/facility.js';
import { killAlive, processAlive } from '../support/processes.js';

const reports = mkdtempSync(join(tmpdir(), 'faultline-powerloss-e2e-'));
const runDirs: string[] = [];
afterAll(() => {
  for (const dir of runDirs.filter((d) => existsSync(join(d, 'pids.json')))) {
    const rec = readPidRecord(dir);
    killAlive(rec?.procs.map((p) => p.pid) ?? []);
    for (const m of rec?.mounts ?? []) unmountNow(m);
  }
  rmSync(reports, { recursive: true, force: true });
});

const NO_FSYNC = ['--target-opt', 'fsync=false', '--target-opt', 'no-fsync-hold-ms=0'];

async function run(name: string, targetOpts: string[]) {
  const dir = join(reports, name);
  const r = await runCliProcess(
    ['run', '--target', 'raft-kv', ...targetOpts, '--nemesis', 'power-loss', '--nemesis-opt', 'power-loss.targets=all', '--nemesis-interval', '3',
      '--nemesis-opt', 'settle=1', '--workload-opt', 'ops-per-key=1000', '--op-timeout', '2', '--time-limit', '15', '--seed', '1', '--no-progress', '--reports-dir', dir],
    { timeoutMs: 120_000 },
  );
  const [store] = readdirSync(dir).filter((x) => x.startsWith('raft-kv'));
  const [stamp] = readdirSync(join(dir, store!)).filter((x) => /^\d/.test(x));
  const runDir = join(dir, store!, stamp!);
  runDirs.push(runDir);
  const ops = readFileSync(join(runDir, 'history.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const losses = ops.filter((op) => op.process === 'nemesis' && op.type === 'ok' && op.f === 'start-power-loss');
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  const kinds = Object.values(results.checks as Record<string, { anomalies?: { kind: string }[] }>).flatMap((c) => (c.anomalies ?? []).map((a) => a.kind));
  // Nothing left: every node and helper ended, every mount gone.
  const rec = readPidRecord(runDir)!;
  expect(rec.procs.filter((p) => processAlive(p.pid)), 'processes left running').toEqual([]);
  expect((rec.mounts ?? []).filter(isMounted), 'mounts left').toEqual([]);
  return { ...r, losses, valid: results.valid as boolean, kinds };
}

describeWith([powerLossFacility], 'power loss of every node, end to end on raft-kv', () => {
  it.concurrent('fsync=false: acknowledged writes are lost and the linearizability checker finds it', async () => {
    const r = await run('no-fsync', NO_FSYNC);
    expect(r.losses.length, r.stdout + r.stderr).toBeGreaterThan(0);
    for (const op of r.losses) expect(op.value.nodes).toEqual(['n1', 'n2', 'n3']);
    // The first power loss found unsynced writes to forget (later ones may come before new writes).
    expect(Object.values(r.losses[0].value.lost as Record<string, { writes: number }>).some((l) => l.writes > 0)).toBe(true);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.valid).toBe(false);
    expect(r.kinds).toContain('nonlinearizable');
  }, 150_000);

  it.concurrent('fsync on: the same power losses leave the history valid', async () => {
    const r = await run('fsync', []);
    expect(r.losses.length, r.stdout + r.stderr).toBeGreaterThan(0);
    for (const op of r.losses) expect(op.value.nodes).toEqual(['n1', 'n2', 'n3']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.valid).toBe(true);
    expect(r.kinds).toEqual([]);
  }, 150_000);
});
