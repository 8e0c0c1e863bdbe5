/**
 * The linearizability checker: converts a faultline history to porcupine operations for the chosen
 * model (see linearizable-ops.ts), checks every key independently with the porcupine engine (all of
 * them: it does not stop at the first bad key), and reports each non-linearizable key as an anomaly
 * carrying the engine's linearization info (the longest linearizable prefixes found) for the report
 * to draw.
 */
import type { Anomaly, Checker, CheckResult } from '../core/checker.js';
import type { ModelVerdicts } from '../core/models.js';
import { MalformedOpError } from '../core/op.js';
import {
  casRegisterModel,
  checkOperationsVerbose,
  fillDefaults,
  kvModel,
  type FullModel,
  type Model,
  type PartitionInfo,
} from '../porcupine/index.js';
import { toOperations, type Converted, type LinearizableModelName } from './linearizable-ops.js';

/** Options of `linearizableChecker`. */
export interface LinearizableOptions {
  /** Which sequential specification the history must match. */
  model: LinearizableModelName;
  /** Give up with `unknown` after this long. Default: 60 000 ms. */
  timeoutMs?: number;
}

function modelFor(name: LinearizableModelName): FullModel<unknown, unknown, unknown> {
  const base = (name === 'kv' ? kvModel : casRegisterModel) as Model<unknown, unknown, unknown>;
  return fillDefaults({ ...base, name });
}

/** Builds the anomaly for one illegal partition. */
function anomalyFor(model: FullModel<unknown, unknown, unknown>, conv: Converted, part: PartitionInfo): Anomaly {
  const { operations, pairs } = conv;
  const key = (operations[part.ops[0]].input as { key?: string }).key;
  const longest = part.partialLinearizations[0] ?? { ops: [], states: [] };
  const placed = new Set(longest.ops);
  const rest = part.ops.filter((i) => !placed.has(i));
  // The ops that could have come next: called before any other remaining op returned.
  const firstReturn = Math.min(...rest.map((i) => operations[i].return));
  const next = rest.filter((i) => operations[i].call < firstReturn);
  const state = longest.states.at(-1) ?? model.describeState(model.init());
  const invokeIndex = (i: number): number => pairs[i].invoke.index;
  const describe = (i: number): string => `op ${invokeIndex(i)} ${part.descriptions[part.ops.indexOf(i)]}`;
  const where = key === undefined ? 'The history' : `Key ${JSON.stringify(key)}`;
  const explanation =
    `${where} is not linearizable under the ${model.name} model: no order of its ${part.ops.length} operations ` +
    `respects real time and the model. The longest linearizable prefix found has ${longest.ops.length} operations ` +
    `and ends in state ${state}; from there, none of the operations that could come next ` +
    `(${next.map(describe).join('; ')}) leads to a complete linearization.`;
  const mapOps = (ops: number[]): number[] => ops.map(invokeIndex);
  return {
    kind: 'nonlinearizable',
    explanation,
    ops: next.map(invokeIndex),
    ...(key === undefined ? {} : { key }),
    detail: {
      model: model.name,
      finalState: state,
      ops: part.ops.map((i, j) => ({
        invoke: pairs[i].invoke.index,
        complete: pairs[i].complete?.index ?? null,
        description: part.descriptions[j],
      })),
      partialLinearizations: part.partialLinearizations.map((p) => ({ ops: mapOps(p.ops), states: p.states })),
      steps: part.steps,
    },
  };
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
        const badOp = e instanceof MalformedOpError ? { badOp: { index: e.index, reason: e.reason } } : {};
        return { valid: 'unknown', models: ruling('unknown'), error: `cannot check: ${(e as Error).message}`, ...badOp };
      }
      const { result, info } = checkOperationsVerbose(model, conv.operations, { timeoutMs, all: true });
      const decided = info.partitions.filter((p) => p.result !== 'unknown').length;
      const stats = {
        model: opts.model,
        operations: conv.operations.length,
        dropped: conv.dropped,
        partitions: info.partitions.length,
        decided,
        ms: Math.round(performance.now() - started),
      };
      if (result === 'ok') return { valid: true, models: ruling('holds'), stats };
      if (result === 'unknown') {
        return {
          valid: 'unknown',
          models: ruling('unknown'),
          error: `undecided after ${timeoutMs} ms: ${decided} of ${info.partitions.length} keys decided`,
          stats,
        };
      }
      const anomalies = info.partitions.filter((p) => p.result === 'illegal').map((p) => anomalyFor(model, conv, p));
      return { valid: false, models: ruling('ruled-out'), anomalies, stats };
    },
  };
}
