/**
 * From a faultline history to the eventual engine (`src/eventual/`) and back: runs one of its checks,
 * turns its rulings into the `models` of a `CheckResult`, and decides the verdict from the models the
 * user asked about (`consistency-models`): invalid if one of them is ruled out, valid if all hold,
 * else unknown (with the reason). The engine rules on other models as well (e.g. set-full on
 * linearizability); those appear in `models` whatever the verdict is about.
 * Input the engine cannot judge (`EventualInputError`, "op N: …") is not a verdict: the result is
 * unknown with a `badOp`, which `faultline check` reports as the file and line at fault (254).
 */
import type { Anomaly, Checker, CheckResult } from '../core/checker.js';
import type { ModelVerdicts } from '../core/models.js';
import type { Op } from '../core/op.js';
import { EventualInputError, type EventualAnomaly, type Ruling } from '../eventual/index.js';

/** What one engine check returns (every check of the engine has this shape). */
export interface EventualRun {
  anomalies: EventualAnomaly[];
  rulings: Record<string, Ruling>;
  stats: Record<string, unknown>;
}

/** Options every eventual checker takes (validated by its registry entry). */
export interface EventualCheckerOptions {
  /** The models the verdict is about. */
  models: readonly string[];
  /** Anomalies kept per kind. */
  maxAnomalies: number;
}

/** Why the verdict on `models` is unknown, from the run's figures. */
export type UnknownReason = (run: EventualRun, undecided: string[]) => string;

/** A checker that runs `check` on the history and judges `o.models` from its rulings. */
export function eventualChecker(check: (history: readonly Op[], maxAnomalies: number) => EventualRun, o: EventualCheckerOptions, why: UnknownReason): Checker {
  return {
    async check(_test, history): Promise<CheckResult> {
      const started = performance.now();
      let run: EventualRun;
      try {
        run = check(history, o.maxAnomalies);
      } catch (e) {
        if (!(e instanceof EventualInputError)) throw e;
        return { valid: 'unknown', error: `cannot check: ${e.message}`, badOp: { index: e.opIndex, reason: e.reason } };
      }
      const models: ModelVerdicts = {};
      for (const [m, r] of Object.entries(run.rulings)) models[m] = { status: r.status, by: [...r.by] };
      const statuses = o.models.map((m) => models[m]?.status ?? 'unknown');
      const valid = statuses.includes('ruled-out') ? false : statuses.every((s) => s === 'holds') ? true : 'unknown';
      const result: CheckResult = {
        valid,
        models,
        anomalies: run.anomalies.map(toAnomaly),
        stats: { ...run.stats, ms: Math.round(performance.now() - started) },
      };
      if (valid === 'unknown') result.error = why(run, o.models.filter((m) => models[m]?.status !== 'holds'));
      return result;
    },
  };
}

function toAnomaly(a: EventualAnomaly): Anomaly {
  return { kind: a.kind, explanation: a.explanation, ops: a.ops, key: a.key, ...(a.detail ? { detail: a.detail } : {}) };
}
