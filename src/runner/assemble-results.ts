/**
 * The parts of results.json that need no registry: the figures of a history and the assembled verdict,
 * given the nemesis packages whose fault spans are measured. `results.ts` binds them to the nemesis
 * registry; `faultline check` passes the registry only when the history holds nemesis ops, so checking
 * a file does not load the nemeses, runtimes and generators.
 */
import { mergeValidity, type Anomaly, type CheckResult, type Validity } from '../core/checker.js';
import { closeVerdicts, mergeVerdict, summariseModels, type ModelVerdicts } from '../core/models.js';
import { isClientOp, type Op } from '../core/op.js';
import type { NodeExit } from '../runtimes/runtime.js';
import { faultTracker, nodeDowntime } from '../../nemeses/fault-tracker.js';
import type { NemesisPackage } from '../../nemeses/nemesis.js';
import { availabilityDuringFaults } from './fault-availability.js';
import { latencyQuantiles, type LatencyQuantiles } from './latency.js';
import { countOps, type OpCounts } from './progress.js';
import { loadMeter } from './throughput.js';
import { noSuccessReason, withoutSuccess } from './no-success.js';

export interface RunStats extends OpCounts {
  /** Seconds from the first to the last record. */
  durationS: number;
  /**
   * Seconds of the load phase (throughput.ts says where it starts and ends); absent when there was
   * none (a run interrupted while its cluster started: no client completion after the first record).
   */
  loadS?: number;
  /** Client completions in the load phase ÷ its seconds: the one ops/s of progress, summary and report. */
  opsPerSec: number;
  /** Fraction of client ops that completed ok. */
  availability: number;
  /** Of the client ops that completed while a fault was in force, the fraction ok (fault-availability.ts). */
  faultAvailability?: number;
  /** How many client ops completed while a fault was in force. */
  faultOps?: number;
  /** Invoke-to-ok latency quantiles of the client ops, ms (latency.ts); absent when no op was ok. */
  latencyMs?: LatencyQuantiles;
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
  /**
   * Every model relevant to the workload, and every model a checker ruled on: holds, ruled out by which
   * anomaly kinds, unknown, or not checked — spread through the model lattice (`src/core/models.ts`).
   */
  models: ModelVerdicts;
  /** The strongest models that held and the weakest ruled out, from `models`. */
  modelSummary: { strongestHeld: string[]; weakestRuledOut: string[] };
  /** The run was stopped early by a signal (or, seen by `analyze`, its harness never finished). */
  interrupted?: boolean;
  /** The signal that stopped the run, when one did. */
  interruptedBy?: string;
  /** Set by `analyze` when the run never finished: why its history is cut short. */
  cutShort?: string;
  /** What went wrong when the run itself (not the system under test) failed. */
  error?: string;
  /** Why the verdict is unknown though no checker said so: `no operation succeeded: …` (no-success.ts). */
  undecidedBecause?: string;
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

/**
 * Figures of a history; `timeLimitS` (the run's time limit) bounds its load phase, `packages` (the
 * nemesis registry) name the faults whose spans are measured — none are needed for a history without
 * nemesis ops.
 */
export function historyStatsWith(history: readonly Op[], packages: readonly NemesisPackage[], timeLimitS?: number): RunStats {
  const c = countOps(history);
  const durationS = history.length > 1 ? (history[history.length - 1].time - history[0].time) / 1e9 : 0;
  const meter = loadMeter(timeLimitS);
  const faults = faultTracker(packages);
  for (const op of history) {
    meter.record(op);
    faults.record(op);
  }
  const load = meter.result();
  const spans = faults.spans();
  const down = nodeDowntime(spans, load.from, load.to);
  const during = availabilityDuringFaults(history, spans);
  const latency = latencyQuantiles(history);
  return {
    ...c,
    durationS,
    ...(load.seconds > 0 ? { loadS: load.seconds } : {}),
    opsPerSec: load.opsPerSec,
    availability: c.ops > 0 ? c.ok / c.ops : 0,
    ...(during ? { faultAvailability: during.fraction, faultOps: during.ops } : {}),
    ...(latency ? { latencyMs: latency } : {}),
    failErrors: failErrors(history),
    ...(Object.keys(down).length > 0 ? { nodeDowntime: down } : {}),
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
export function assembleResultsWith(
  checks: Record<string, CheckResult>,
  relevantModels: readonly string[],
  history: readonly Op[],
  packages: readonly NemesisPackage[],
  timeLimitS?: number,
): Results {
  const checked = Object.keys(checks).length === 0 ? 'unknown' : mergeValidity(Object.values(checks).map((r) => r.valid));
  const stats = historyStatsWith(history, packages, timeLimitS);
  const reason = noSuccessReason(stats);
  const verdicts = modelVerdicts(checks, relevantModels);
  const { valid, models } = reason ? withoutSuccess(checked, verdicts) : { valid: checked, models: verdicts };
  return {
    valid,
    checks,
    anomalies: Object.entries(checks).flatMap(([checker, r]) => (r.anomalies ?? []).map((a) => ({ ...a, checker }))),
    stats,
    models,
    modelSummary: summariseModels(models),
    ...(reason ? { undecidedBecause: reason } : {}),
  };
}
