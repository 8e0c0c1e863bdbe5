/**
 * The linearizability checker: converts a faultline history to porcupine operations for the chosen
 * model (see linearizable-ops.ts) and checks every key independently with the porcupine engine. The
 * verdict comes first, from the fast search, which stops at the first non-linearizable key. Only then,
 * within a bounded budget (`explainTimeoutMs`), does it decide the other keys. Every key proved bad is
 * an anomaly, explained by the longest linearizable prefixes its search found (the engine records them
 * as it searches); keys left undecided are counted in `stats.undecidedKeys`. A verdict that runs out
 * of time is `unknown`, never valid.
 */
import type { Anomaly, Checker, CheckResult } from '../core/checker.js';
import type { ModelVerdicts } from '../core/models.js';
import { casRegisterModel, checkOperationsExplained, fillDefaults, kvModel, type CutShort, type FullModel, type Model } from '../porcupine/index.js';
import { explainedAnomaly } from './linearizable-anomaly.js';
import { DEFAULT_EXPLAIN_TIMEOUT_S, toOperations, unreadable, type Converted, type LinearizableModelName } from './linearizable-ops.js';

export { DEFAULT_EXPLAIN_TIMEOUT_S } from './linearizable-ops.js';
/** With the default budget, the search for more bad keys stops once it has decided nothing for this long (and for as long as the check took before). */
export const STALL_AFTER_MS = 250;

/** Options of `linearizableChecker`. */
export interface LinearizableOptions {
  /** Which sequential specification the history must match. */
  model: LinearizableModelName;
  /** Give up the verdict with `unknown` after this long. Default: 60 000 ms. */
  timeoutMs?: number;
  /**
   * Once the verdict is "not linearizable", spend this long deciding the other keys, to find the other
   * bad ones. Default: at most `DEFAULT_EXPLAIN_TIMEOUT_S` seconds, stopping early once that stalls
   * (nothing decided for as long as the check took before, and at least `STALL_AFTER_MS`).
   */
  explainTimeoutMs?: number;
}

/** The porcupine model of a linearizability spec, named after it. */
export function modelFor(name: LinearizableModelName): FullModel<unknown, unknown, unknown> {
  const base = (name === 'kv' ? kvModel : casRegisterModel) as Model<unknown, unknown, unknown>;
  return fillDefaults({ ...base, name });
}

/** Why a verdict is unknown: the deadline if it passed, else the search's memory budget (this checker sets no step budget). */
function undecidedWhy(cuts: (CutShort | undefined)[], timeoutMs: number): string {
  return cuts.includes('time') ? `undecided after ${timeoutMs} ms` : 'undecided: the search ran out of its memory budget';
}

/** This checker's ruling on `linearizable`. */
function ruling(status: 'holds' | 'ruled-out' | 'unknown'): ModelVerdicts {
  return { linearizable: { status, by: status === 'ruled-out' ? ['nonlinearizable'] : [] } };
}

/** A checker that judges a history linearizable with respect to `opts.model`, per key. */
export function linearizableChecker(opts: LinearizableOptions): Checker {
  const model = modelFor(opts.model);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return {
    async check(_test, history): Promise<CheckResult> {
      const started = performance.now();
      let conv: Converted;
      try {
        conv = toOperations(opts.model, history);
      } catch (e) {
        return unreadable(e, ruling('unknown'));
      }
      const budget = opts.explainTimeoutMs === undefined ? { explainTimeoutMs: DEFAULT_EXPLAIN_TIMEOUT_S * 1000, stallAfterMs: STALL_AFTER_MS } : { explainTimeoutMs: opts.explainTimeoutMs };
      const { result, partitions, verdictMs, explainMs } = checkOperationsExplained(model, conv.operations, { timeoutMs, ...budget });
      const count = (pred: (p: (typeof partitions)[number]) => boolean): number => partitions.filter(pred).length;
      const decided = count((p) => p.result !== 'unknown');
      const stats = {
        model: opts.model,
        operations: conv.operations.length,
        dropped: conv.dropped,
        partitions: partitions.length,
        decided,
        illegalKeys: count((p) => p.result === 'illegal'),
        undecidedKeys: partitions.length - decided,
        verdictMs: Math.round(verdictMs),
        explainMs: Math.round(explainMs),
        ms: Math.round(performance.now() - started),
      };
      if (result === 'ok') return { valid: true, models: ruling('holds'), stats };
      if (result === 'unknown') {
        return {
          valid: 'unknown',
          models: ruling('unknown'),
          error: `${undecidedWhy(partitions.map((p) => p.cutShort), timeoutMs)}: ${decided} of ${partitions.length} keys decided`,
          stats,
        };
      }
      const anomalies: Anomaly[] = partitions.flatMap((p) => {
        if (p.result !== 'illegal' || !p.info) return [];
        return [explainedAnomaly(model, conv, p.info)];
      });
      return { valid: false, models: ruling('ruled-out'), anomalies, stats };
    },
  };
}
