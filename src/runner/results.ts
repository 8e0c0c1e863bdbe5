/**
 * results.json: the verdict of every checker, their anomalies, and the run's figures (op counts,
 * throughput, availability). Written by `run` and re-written by `analyze`.
 */
import { mergeValidity, safeCheck, type Anomaly, type CheckResult, type Checker, type TestInfo, type Validity } from '../core/checker.js';
import type { Op } from '../core/op.js';
import type { NodeExit } from '../runtimes/runtime.js';
import { countOps, type OpCounts } from './progress.js';

export interface RunStats extends OpCounts {
  /** Seconds from the first to the last record. */
  durationS: number;
  /** Client completions per second over the run. */
  opsPerSec: number;
  /** Fraction of client ops that completed ok. */
  availability: number;
  /** Client `fail` completions by error (e.g. cas-mismatch: answered, did not apply), most first. */
  failErrors?: Record<string, number>;
}

export interface Results {
  valid: Validity;
  /** Each checker's result, by name. */
  checks: Record<string, CheckResult>;
  /** Every checker's anomalies, flattened, each tagged with its checker. */
  anomalies: (Anomaly & { checker: string })[];
  stats: RunStats;
  /** The run was stopped early by a signal (or, seen by `analyze`, its harness never finished). */
  interrupted?: boolean;
  /** The signal that stopped the run, when one did. */
  interruptedBy?: string;
  /** Set by `analyze` when the run never finished: why its history is cut short. */
  cutShort?: string;
  /** What went wrong when the run itself (not the system under test) failed. */
  error?: string;
  /** Nodes that exited on their own during the run: findings, whatever the history's verdict. */
  nodeCrashes?: NodeCrash[];
}

/** A node that exited on its own, and when, on the history's clock. */
export interface NodeCrash extends NodeExit {
  /** Nanoseconds since the history's start, when the client load had started. */
  time?: number;
}

/**
 * The verdict of the run as a whole: an anomaly found stays invalid; otherwise a run that was
 * interrupted is unknown (the history it did not record might have held an anomaly), never valid.
 */
export function runVerdict(r: Pick<Results, 'valid' | 'interrupted'>): Validity {
  if (r.valid === false) return false;
  return r.interrupted ? 'unknown' : r.valid;
}

/** Figures of a history. */
export function historyStats(history: readonly Op[]): RunStats {
  const c = countOps(history);
  const durationS = history.length > 1 ? (history[history.length - 1].time - history[0].time) / 1e9 : 0;
  return {
    ...c,
    durationS,
    opsPerSec: durationS > 0 ? c.ops / durationS : 0,
    availability: c.ops > 0 ? c.ok / c.ops : 0,
    failErrors: failErrors(history),
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
    stats: historyStats(history),
  };
}
