/**
 * The partition cases of bench/redis-failover.ts: Redis with Sentinel on the netns runtime (each node
 * and its Sentinel a host of its own; the clients stay on the host, outside partitions), the primary
 * isolated with its Sentinel (`partition.modes=isolate-leader`) for longer than Sentinel's down-after
 * plus the failover. The majority side promotes a replica while the clients, still reaching the old
 * primary, get their adds acknowledged there; after the heal Sentinel demotes it and it resyncs from
 * the new primary, discarding them. One `faultline run --workload set` per seed; the lost acknowledged
 * adds are set-full's count (`stats.lost` in results.json), the failover is read from Sentinel's logs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findRunDirs } from '../src/cli/cleanup.js';
import { partitionTimeline, type PartitionTimeline } from './redis-partition-timeline.js';

/**
 * The arguments every partition case shares: 40 s of set adds, the primary isolated from ~15 s on for
 * 7.5–22.5 s (the seed decides). `settle=15`: Sentinel re-points the deposed primary only ~10 s after
 * the heal; final reads before that, by clients all still on it, would agree on what it holds.
 */
export const PARTITION_COMMON = [
  '--target', 'redis', '--runtime', 'netns', '--workload', 'set', '--workload-opt', 'adds-per-key=20000',
  '--nemesis', 'partition', '--nemesis-opt', 'partition.modes=isolate-leader', '--nemesis-interval', '15', '--nemesis-opt', 'settle=15',
];

/** The configurations compared under the partition. */
export const PARTITION_CASES = [
  { name: 'isolate primary, defaults', args: [] as string[] },
  { name: 'isolate primary, min-replicas-to-write=1', args: ['--target-opt', 'min-replicas-to-write=1'] },
  {
    name: 'isolate primary, min-replicas=1, max-lag=2',
    args: ['--target-opt', 'min-replicas-to-write=1', '--target-opt', 'min-replicas-max-lag=2'],
  },
];

/** What one run found. */
export interface PartitionRun {
  exit: number | null;
  verdict: string;
  acknowledged: number;
  lost: number;
  fail: number;
  /** Seconds the primary was cut off, and when (from the cut) the adds that were lost were acknowledged. */
  timeline: PartitionTimeline;
  /** Whether a Sentinel logged `+switch-master`. */
  failedOver: boolean;
}

/** One `faultline run` of a partition case (node `bin` is the CLI) into a fresh folder of `reports`. */
export function partitionRun(bin: string, args: readonly string[], seed: number, timeLimit: string, reports: string): PartitionRun {
  const out = join(reports, `${seed}-${Math.random().toString(36).slice(2, 8)}`);
  const r = spawnSync(process.execPath, [bin, 'run', ...PARTITION_COMMON, ...args, '--time-limit', timeLimit, '--seed', String(seed), '--no-progress', '--reports-dir', out], {
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const [dir] = findRunDirs(out);
  const none = { exit: r.status, verdict: `exit ${r.status}`, acknowledged: 0, lost: 0, fail: 0, timeline: { partitionS: 0 }, failedOver: false };
  if (!dir) return none;
  try {
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as {
      valid: boolean | string;
      checks: Record<string, { stats?: { acknowledged?: number; lost?: number } }>;
      stats: { fail: number };
    };
    const sf = results.checks['set-full']?.stats ?? {};
    const logs = readdirSync(join(dir, 'nodes')).filter((f) => f.endsWith('-sentinel.log'));
    return {
      exit: r.status,
      verdict: results.valid === true ? 'valid' : results.valid === false ? 'INVALID' : 'unknown',
      acknowledged: sf.acknowledged ?? 0,
      lost: sf.lost ?? 0,
      fail: results.stats.fail,
      timeline: partitionTimeline(readFileSync(join(dir, 'history.jsonl'), 'utf8')),
      failedOver: logs.some((f) => readFileSync(join(dir, 'nodes', f), 'utf8').includes('+switch-master')),
    };
  } catch {
    return none;
  }
}
