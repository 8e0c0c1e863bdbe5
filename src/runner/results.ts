/**
 * results.json: the verdict of every checker, their anomalies, and the run's figures (op counts,
 * throughput, availability). Written by `run` and re-written by `analyze`.
 */
import { mergeValidity, safeCheck, type Anomaly, type CheckResult, type Checker, type TestInfo, type Validity } from '../core/checker.js';
import { closeVerdicts, mergeVerdict, summariseModels, type ModelVerdicts } from '../core/models.js';
import { isClientOp, type Op } from '../core/op.js';
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
  /**
   * Every model relevant to the workload, and every model a checker ruled on: holds, ruled out by which
   * anomaly kinds, unknown, or not checked — spread through the model lattice (`src/core/models.ts`).
   */
  models: ModelVerdicts;
  /** The strongest models that held and the weakest ruled out, from `models`. */
  modelSummary: { strongestHeld: string[]; weakestRuledOut: string[] };
  /** The run was stopped early by the user. */
  interrupted?: boolean;
  /** What went wrong when the run itself (not the system under test) failed. */
  error?: string;
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
    if (op.type !== 'fail' || !isClientOp(op)) continue;
    const e = op.error ?? 'no error given';
    counts.set(e, (counts.get(e) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

/**
 * The model verdicts of a set of check results: each checker's direct rulings, tagged with the checker
 * and merged across checkers, then spread through the lattice; `relevant` models no ruling reaches are
 * `not-checked`.
 */
export function modelVerdicts(checks: Record<string, CheckResult>, relevant: readonly string[]): ModelVerdicts {
  const direct: ModelVerdicts = {};
  for (const [checker, r] of Object.entries(checks)) {
    for (const [m, v] of Object.entries(r.models ?? {})) direct[m] = mergeVerdict(direct[m], { ...v, checker });
  }
  return closeVerdicts(direct, relevant);
}

/** Assembles results from check results: the merged verdict, every anomaly tagged with its checker, the models. */
export function assembleResults(checks: Record<string, CheckResult>, relevantModels: readonly string[], history: readonly Op[]): Results {
  const valid = Object.keys(checks).length === 0 ? 'unknown' : mergeValidity(Object.values(checks).map((r) => r.valid));
  const models = modelVerdicts(checks, relevantModels);
  return {
    valid,
    checks,
    anomalies: Object.entries(checks).flatMap(([checker, r]) => (r.anomalies ?? []).map((a) => ({ ...a, checker }))),
    stats: historyStats(history),
    models,
    modelSummary: summariseModels(models),
  };
}

/** Runs every checker (none may throw) and assembles the results; `relevantModels` are the workload's. */
export async function checkHistory(
  checkers: Record<string, Checker>,
  relevantModels: readonly string[],
  test: TestInfo,
  history: readonly Op[],
  dir?: string,
): Promise<Results> {
  const checks: Record<string, CheckResult> = {};
  for (const [name, c] of Object.entries(checkers)) checks[name] = await safeCheck(c, test, history, { dir });
  return assembleResults(checks, relevantModels, history);
}
