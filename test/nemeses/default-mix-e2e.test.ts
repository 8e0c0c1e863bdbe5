/**
 * End to end: the default fault mix (`faultline run` without `--nemesis`) catches a planted bug that
 * only a leader-aware fault exposes reliably. raft-kv with `read-mode=lease check-quorum=false` serves
 * reads from its lease without asking anyone; a leader that never checks its followers keeps
 * believing it leads. The default mix's stale-leader episode sets the leader's clock back, stops it,
 * cuts it off and resumes it still cut off: it answers reads from a past the others have written
 * over. The run must be INVALID, and an anomalous read must come from a client bound to that
 * leader, invoked while the episode was in force — the finding is the episode's, not luck. A short
 * run: 15 s with a nemesis op every ~0.5 s, so that the schedule reaches its lone faults early.
 * The run's harness tears its cluster down itself; the test then ends by PID any process (and
 * unmounts any mount) it recorded, and checks none was left.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { historyWatch } from '../../src/runner/history-watch.js';
import { readPidRecord } from '../../src/runtimes/pid-record.js';
import { isMounted, unmountNow } from '../../src/runtimes/powerloss-fs.js';
import { runCliProcess } from '../support/cli.js';
import { killAlive, processAlive } from '../support/processes.js';

const reports = mkdtempSync(join(tmpdir(), 'faultline-default-mix-'));
const runDirs: string[] = [];
afterAll(() => {
  for (const dir of runDirs.filter((d) => existsSync(join(d, 'pids.json')))) {
    const rec = readPidRecord(dir);
    killAlive(rec?.procs.map((p) => p.pid) ?? []);
    for (const m of rec?.mounts ?? []) unmountNow(m);
  }
  rmSync(reports, { recursive: true, force: true });
});

/** Seeds tried in turn (the schedule is a function of the seed; timing under load is not). */
const SEEDS = [3, 1];

async function defaultRun(seed: number) {
  const dir = join(reports, String(seed));
  const args = ['run', '--target', 'raft-kv', '--target-opt', 'read-mode=lease', '--target-opt', 'check-quorum=false'];
  const r = await runCliProcess([...args, '--time-limit', '15', '--nemesis-interval', '0.5', '--seed', String(seed), '--no-progress', '--reports-dir', dir], { timeoutMs: 120_000 });
  const [store] = readdirSync(dir).filter((x) => x.startsWith('raft-kv'));
  const [stamp] = readdirSync(join(dir, store!)).filter((x) => /^\d/.test(x));
  const runDir = join(dir, store!, stamp!);
  runDirs.push(runDir);
  const ops = readFileSync(join(runDir, 'history.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Op);
  const results = JSON.parse(readFileSync(join(runDir, 'results.json'), 'utf8'));
  const test = JSON.parse(readFileSync(join(runDir, 'test.json'), 'utf8'));
  const rec = readPidRecord(runDir)!;
  expect(rec.procs.filter((p) => processAlive(p.pid)), 'processes left running').toEqual([]);
  expect((rec.mounts ?? []).filter(isMounted), 'mounts left').toEqual([]);
  return { ...r, ops, results, test };
}

/** The anomalous reads served by the pause-cut leader while an episode was in force. */
function staleLeaderReads(run: Awaited<ReturnType<typeof defaultRun>>): number[] {
  const nem = run.ops.filter((o) => o.process === 'nemesis');
  const started = nem.find((o) => o.f === 'start-stale-leader' && o.type === 'ok');
  if (!started) return [];
  const act = (started.value as { acts: { act: string; node: string }[] }).acts.find((a) => a.act === 'pause-cut');
  const from = nem.find((o) => o.f === 'start-stale-leader' && o.type === 'invoke')!.time;
  const until = nem.find((o) => o.f === 'stop-stale-leader' && o.type !== 'invoke' && o.time > started.time)?.time ?? Infinity;
  const watch = historyWatch(['n1', 'n2', 'n3'], run.test.concurrency ?? 6);
  const byIndex = new Map(run.ops.filter((o) => o.type === 'invoke').map((o) => [o.index, o]));
  const anomalous = (run.results.checks.linearizable?.anomalies ?? []).flatMap((a: { ops: number[] }) => a.ops);
  return anomalous.filter((i: number) => {
    const op = byIndex.get(i);
    return op?.f === 'read' && watch.homeOf(op.process) === act?.node && op.time >= from && op.time <= until;
  });
}

describe('the default fault mix, end to end', () => {
  it('catches raft-kv lease reads without check-quorum, through the stale-leader episode', async () => {
    const tried: string[] = [];
    for (const seed of SEEDS) {
      const run = await defaultRun(seed);
      expect(run.test.options.nemesis, 'the default mix').toEqual(expect.arrayContaining(['partition', 'kill', 'pause', 'stale-leader']));
      expect([0, 1], run.stdout + run.stderr).toContain(run.code);
      const stale = staleLeaderReads(run);
      tried.push(`seed ${seed}: exit ${run.code}, ${stale.length} stale-leader reads`);
      if (run.code === 1 && stale.length > 0) {
        expect(run.stdout).toMatch(/linearizable INVALID/);
        return;
      }
    }
    expect.fail(`no anomaly from the stale-leader episode (${tried.join('; ')})`);
  }, 240_000);
});
