/**
 * Redis with Sentinel under a pause (and a kill) of the primary, and under a partition of the primary
 * on the netns runtime: what faultline finds, and how many acknowledged writes a failover loses with
 * each safeguard. Not part of `npm test`; prints three tables.
 *
 * 1. Verdicts: `faultline run --target redis --workload register` per configuration over seeds 1..N
 *    (the register checkers: linearizable, sequential, session, causal), with the count of keys the
 *    linearizability checker found bad.
 * 2. Lost writes, measured directly: a 3-node cluster, four clients adding unique elements to one set
 *    through the target's own client (following Sentinel; an unanswered add is `info` and its client
 *    is replaced, as the harness does); the primary is paused until Sentinel has failed over, plus
 *    one second, then resumed; the adds go on for 15 s, then the set is read from the primary once
 *    the cluster has settled. Lost = acknowledged adds missing from that read.
 * 3. Partition (netns runtime, root): `faultline run --workload set` per configuration over seeds 1..N
 *    with the primary and its Sentinel isolated (redis-partition.ts): verdict, acknowledged adds and
 *    those lost (set-full), the partition's length, and whether Sentinel failed over.
 *
 *   npm run build && node dist/bench/redis-failover.js [--seeds 5] [--time-limit 40] [--trials 5] [--only verdicts|lost|partition]
 *     [--cases 2,3] (the verdict cases to run, by number from 1; default all) [--configs 1,2] (the lost-writes configurations, likewise)
 *     [--partition-cases 1,3] (the partition cases, likewise)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/core/paths.js';
import { lostWritesTrial } from './redis-lost-writes.js';
import { PARTITION_CASES, PARTITION_COMMON, partitionRun } from './redis-partition.js';
import type { PartitionTimeline } from './redis-partition-timeline.js';

function flag(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
}

const PAUSE = ['--nemesis', 'pause', '--nemesis-opt', 'pause.targets=leader'];
const KILL = ['--nemesis', 'kill', '--nemesis-opt', 'kill.targets=leader'];
const COMMON = ['--target', 'redis', '--workload', 'register', '--nemesis-interval', '10'];
const CASES = [
  { name: 'no faults', args: ['--nemesis', 'none'] },
  { name: 'pause primary', args: PAUSE },
  { name: 'pause primary, min-replicas-to-write=1', args: [...PAUSE, '--target-opt', 'min-replicas-to-write=1'] },
  { name: 'pause primary, wait=2 (every replica)', args: [...PAUSE, '--target-opt', 'wait=2'] },
  { name: 'pause primary, failover-detector=true', args: [...PAUSE, '--target-opt', 'failover-detector=true'] },
  { name: 'kill primary (AOF everysec)', args: KILL },
  { name: 'kill primary, appendonly=false', args: [...KILL, '--target-opt', 'appendonly=false'] },
];

/** The entries of `all` numbered (from 1) in the comma-separated `numbers`; all of them when empty. */
function pick<T>(all: readonly T[], numbers: string): readonly T[] {
  if (!numbers) return all;
  return numbers.split(',').map((n) => {
    const c = all[Number(n) - 1];
    if (!c) throw new Error(`no case ${n} (1..${all.length})`);
    return c;
  });
}

const only = flag('only', '');
/** When, from the cut, the lost adds were acknowledged. */
const window = (t: PartitionTimeline) => (t.lostFromS === undefined ? '-' : `${t.lostFromS.toFixed(1)}–${t.lostToS!.toFixed(1)} s after the cut`);
const bin = join(packageRoot(), 'bin', 'faultline.js');

if (only === '' || only === 'verdicts') {
  const seeds = Number(flag('seeds', '5'));
  const timeLimit = flag('time-limit', '40');
  const reports = mkdtempSync(join(tmpdir(), 'faultline-redis-bench-'));
  console.log(`verdicts: 3 nodes, 6 clients, ${timeLimit} s per run, seeds 1..${seeds}; ${COMMON.join(' ')}`);
  for (const c of pick(CASES, flag('cases', ''))) {
    const rows: string[] = [];
    let found = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const r = spawnSync(process.execPath, [bin, 'run', ...COMMON, ...c.args, '--time-limit', timeLimit, '--seed', String(seed), '--no-progress', '--json', '--reports-dir', reports], {
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0' },
      });
      if (r.status === 1) found++;
      try {
        const run = (JSON.parse(r.stdout) as { runs: { verdict: string; checks: Record<string, { anomalies: number }>; stats: { info: number } }[] }).runs[0]!;
        rows.push(`${run.verdict}(${run.checks.linearizable?.anomalies ?? '?'} keys, ${run.stats.info} info)`);
      } catch {
        rows.push(`exit ${r.status}`);
      }
    }
    console.log(`${c.name.padEnd(44)} invalid in ${found}/${seeds}  [${rows.join(' ')}]`);
  }
  rmSync(reports, { recursive: true, force: true });
}

if (only === '' || only === 'lost') {
  const trials = Number(flag('trials', '5'));
  const configs: { name: string; opts: Record<string, string> }[] = [
    { name: 'default', opts: {} },
    { name: 'min-replicas-to-write=1', opts: { 'min-replicas-to-write': '1' } },
    { name: 'wait=2', opts: { wait: '2' } },
    { name: 'failover-detector=true', opts: { 'failover-detector': 'true' } },
  ];
  console.log(`\nlost writes: 3 nodes, 4 clients adding to one set, primary paused until failover + 1 s, ${trials} trials each`);
  for (const c of pick(configs, flag('configs', ''))) {
    const rows: Awaited<ReturnType<typeof lostWritesTrial>>[] = [];
    for (let t = 0; t < trials; t++) rows.push(await lostWritesTrial(c.opts));
    const sum = (k: 'acked' | 'lost' | 'info' | 'failed') => rows.reduce((a, r) => a + r[k], 0);
    console.log(
      `${c.name.padEnd(26)} acked ${sum('acked')}, lost ${sum('lost')} (${((100 * sum('lost')) / Math.max(1, sum('acked'))).toFixed(1)}%), info ${sum('info')}, failed ${sum('failed')}; lost per trial [${rows.map((r) => r.lost).join(' ')}]; failover ${rows.map((r) => (r.failoverMs / 1000).toFixed(1)).join(' ')} s`,
    );
  }
}

if ((only === '' || only === 'partition') && process.getuid?.() !== 0) {
  console.log('\npartition: skipped (the netns runtime needs root)');
} else if (only === '' || only === 'partition') {
  const seeds = Number(flag('seeds', '5'));
  const timeLimit = flag('time-limit', '40');
  const reports = mkdtempSync(join(tmpdir(), 'faultline-redis-partition-bench-'));
  console.log(`\npartition: 3 nodes, 6 clients, ${timeLimit} s per run, seeds 1..${seeds}; ${PARTITION_COMMON.join(' ')}`);
  for (const c of pick(PARTITION_CASES, flag('partition-cases', ''))) {
    const rows = Array.from({ length: seeds }, (_, i) => partitionRun(bin, c.args, i + 1, timeLimit, reports));
    const acked = rows.reduce((a, r) => a + r.acknowledged, 0);
    const lost = rows.reduce((a, r) => a + r.lost, 0);
    console.log(
      `${c.name.padEnd(44)} invalid in ${rows.filter((r) => r.verdict === 'INVALID').length}/${seeds}, acked ${acked}, lost ${lost} (${((100 * lost) / Math.max(1, acked)).toFixed(1)}%)`,
    );
    for (const [i, r] of rows.entries()) {
      console.log(`  seed ${i + 1}: ${r.verdict}, acked ${r.acknowledged}, lost ${r.lost}, fail ${r.fail}, partition ${r.timeline.partitionS.toFixed(1)} s, ${r.failedOver ? 'failed over' : 'no failover'}, lost adds acknowledged ${window(r.timeline)}`);
    }
  }
  rmSync(reports, { recursive: true, force: true });
}
