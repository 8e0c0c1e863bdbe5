/**
 * Checkers: pure functions of (test info, history) that judge a history against a consistency model.
 *
 * A checker never throws at its caller: `safeCheck` turns an exception into `{valid: 'unknown', error}`.
 * The one exception is malformed input (a `UserError`, e.g. "op 12: read of x returned 5, not a list"):
 * that is not a verdict but the user's to fix, so it passes through to the CLI (one line, exit 254).
 * Its findings are `Anomaly` records — data any checker can produce and the report can draw without
 * knowing which checker made them.
 */
import { opOfRefusal, UserError } from './errors.js';
import type { ModelVerdicts } from './models.js';
import type { Op } from './op.js';

/** Three-valued verdict: a timeout or a missing checker is `unknown`, never `true`. */
export type Validity = true | false | 'unknown';

/** A labelled edge between two ops, for dependency-cycle style explanations. */
export interface AnomalyEdge {
  from: number;
  to: number;
  label: string;
}

/** One thing a checker found wrong, in a shape every checker can produce. */
export interface Anomaly {
  /** Short machine name: `nonlinearizable`, `lost-write`, `G1c`, … */
  kind: string;
  /** Plain-language explanation a person can follow. */
  explanation: string;
  /** Indices (Op.index) of the history records involved. */
  ops: number[];
  /** The independent key, when the anomaly concerns one sub-history. */
  key?: string;
  /** Optional graph of ops with labelled edges (op indices as nodes). */
  graph?: { nodes: number[]; edges: AnomalyEdge[] };
  /** Checker-specific detail for the report (e.g. linearization info). */
  detail?: unknown;
}

/** What a checker returns. */
export interface CheckResult {
  valid: Validity;
  /**
   * The consistency models this result rules on directly (e.g. `linearizable`), each holding, ruled out
   * by which anomaly kinds, or unknown. Weaker and stronger models follow through `closeVerdicts`.
   */
  models?: ModelVerdicts;
  anomalies?: Anomaly[];
  /** Why the verdict is unknown, when it is. */
  error?: string;
  /** Free-form figures (op counts, keys checked, time taken). */
  stats?: Record<string, unknown>;
  /**
   * Set when the history holds a record this checker cannot judge (e.g. a read whose value is an
   * object under a register model); the verdict is then `unknown`. `index` is the record's
   * `Op.index`. Commands that read the history from a file report it as bad input at that line.
   */
  badOp?: { index: number; reason: string };
}

/** What a checker may know about the test besides the history. */
export interface TestInfo {
  name: string;
  workload: string;
  target: string;
  concurrency: number;
  seed: number;
  /** Seconds of client load the run planned (`--time-limit`), when known. */
  timeLimit?: number;
  /** Options of the workload, as validated. */
  workloadOpts?: Record<string, unknown>;
}

/** A checker has one method. It may write artefacts only into `dir` when given one. */
export interface Checker {
  check(test: TestInfo, history: readonly Op[], opts: { dir?: string }): Promise<CheckResult>;
}

/**
 * Runs a checker, turning any exception into an `unknown` result. A `UserError` (the history is not
 * one the checker can judge, e.g. repeated written values) keeps its one-line message; anything else
 * is a crash and keeps its stack. Callers that must refuse bad input (exit 254) call `check` directly.
 */
export async function safeCheck(
  checker: Checker,
  test: TestInfo,
  history: readonly Op[],
  opts: { dir?: string } = {},
): Promise<CheckResult> {
  try {
    return await checker.check(test, history, opts);
  } catch (e) {
    if (e instanceof UserError) {
      const bad = opOfRefusal(e.message);
      return { valid: 'unknown', error: `cannot check: ${e.message}`, ...(bad ? { badOp: bad } : {}) };
    }
    return { valid: 'unknown', error: `checker crashed: ${e instanceof Error ? e.stack ?? e.message : String(e)}` };
  }
}

/** Combines validities: any false → false; else any unknown → unknown; else true. */
export function mergeValidity(vs: Iterable<Validity>): Validity {
  let out: Validity = true;
  for (const v of vs) {
    if (v === false) return false;
    if (v === 'unknown') out = 'unknown';
  }
  return out;
}

/** Exit code for a verdict: 0 valid, 1 invalid, 2 unknown. */
export function exitCodeFor(v: Validity): number {
  return v === true ? 0 : v === false ? 1 : 2;
}
