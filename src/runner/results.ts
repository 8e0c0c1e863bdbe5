/**
 * results.json: the verdict of every checker, their anomalies, and the run's figures (op counts,
 * throughput, availability). Written by `run` and re-written by `analyze`.
 */
import { mergeValidity, safeCheck, type Anomaly, type CheckResult, type Checker, type TestInfo, type Validity } from '../core/checker.js';
import type { Op } from '../core/op.js';
import { faultTracker, nodeDowntime } from '../../nemeses/fault-tracker.js';
import { nemesisPackages } from '../../nemeses/index.js';
import { countOps, type OpCounts } from './progress.js';
import { loadMeter } from './throughput.js';

export interface RunStats extends OpCounts {
  /** Seconds from the first to the last record. */
  durationS: number;
  /** Seconds of the load phase (throughput.ts says where it starts and ends). */
  loadS?: number;
  /** Client completions in the load phase ÷ its seconds: the one ops/s of progress, summary and report. */
  opsPerSec: number;
  /** Fraction of client ops that completed ok. */
  availability: number;
  /** Client `fail` completions by error (e.g. cas-mismatch: answered, did not apply), most first. */
  failErrors?: Record<string, number>;
  /** For each node that was down (killed, stopped, paused) in the load phase, the fraction of it. */
  nodeDowntime?: Record<string, number>;
}

export interface Results {
  valid: Validity;
  /** Each checker's result, by name. */
  checks: Record<string, CheckResult>;
  /** Every checker's anomalies, flattened, each tagged with its checker. */
  anomalies: (Anomaly & { checker: string })[];
  stats: RunStats;
  /** The run was stopped early by the user. */
  interrupted?: boolean;
  /** What went wrong when the run itself (not the system under test) failed. */
  error?: string;
}

/** Figures of a history; `timeLimitS` (the run's time limit) bounds its load phase. */
export function historyStats(history: readonly Op[], timeLimitS?: number): RunStats {
  const c = countOps(history);
  const durationS = history.length > 1 ? (history[history.length - 1].time - history[0].time) / 1e9 : 0;
  const meter = loadMeter(timeLimitS);
  const faults = faultTracker(nemesisPackages);
  for (const op of history) {
    meter.record(op);
    faults.record(op);
  }
  const load = meter.result();
  const down = nodeDowntime(faults.spans(), load.from, load.to);
  return {
    ...c,
    durationS,
    loadS: load.seconds,
    opsPerSec: load.opsPerSec,
    availability: c.ops > 0 ? c.ok / c.ops : 0,
    failErrors: failErrors(history),
    ...(Object.keys(down).length > 0 ? { nodeDowntime: down } : {}),
  };
}

/** Counts client `fail` completions by their error, most frequent first. */
function failErrors(history: readonly Op[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const op of history) {
    if (op.type !== 'fail' || op.process === 'nemesis') continue;
    const e = op.error ?? 'no error given';
    counts.set(e, (counts.get(e) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

/** Runs every checker (none may throw) and assembles the results. */
export async function checkHistory(
  checkers: Record<string, Checker>,
  test: TestInfo,
  history: readonly Op[],
  dir?: string,
): Promise<Results> {
  const checks: Record<string, CheckResult> = {};
  for (const [name, c] of Object.entries(checkers)) checks[name] = await safeCheck(c, test, history, { dir });
  const valid = Object.keys(checks).length === 0 ? 'unknown' : mergeValidity(Object.values(checks).map((r) => r.valid));
  return {
    valid,
    checks,
    anomalies: Object.entries(checks).flatMap(([checker, r]) => (r.anomalies ?? []).map((a) => ({ ...a, checker }))),
    stats: historyStats(history, test.timeLimit),
  };
}
