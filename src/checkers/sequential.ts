/**
 * The sequential consistency checker: register, cas-register and kv histories searched per key for
 * an order that respects each process's order and the model (`src/porcupine/sequential.ts`), with the
 * ops converted as for linearizability (`linearizable-ops.ts`: failed ops dropped, unknown outcomes
 * open to the end of their process).
 *
 * What it rules on `sequential`, since sequential consistency is not compositional
 * (`sequential-keys.ts`): a key without an order rules the whole history out (an order of the
 * history would restrict to one of that key); every key ordered makes the whole history hold only if
 * the processes visit the keys in one common order, and is otherwise `unknown` — each key is then
 * sequentially consistent on its own, which the stats say, but the combination is not decided.
 */
import type { Anomaly, Checker, CheckResult } from '../core/checker.js';
import type { ModelVerdicts } from '../core/models.js';
import { checkSequentialVerbose, type SequentialPartitionInfo } from '../porcupine/index.js';
import { toOperations, unreadable, type Converted, type LinearizableModelName } from './linearizable-ops.js';
import { modelFor } from './linearizable.js';
import { keyOrderCycle } from './sequential-keys.js';

/** Options of `sequentialChecker`. */
export interface SequentialOptions {
  model: LinearizableModelName;
  /** Give up with `unknown` after this long. */
  timeoutMs: number;
}

function ruling(status: 'holds' | 'ruled-out' | 'unknown'): ModelVerdicts {
  return { sequential: { status, by: status === 'ruled-out' ? ['nonsequential'] : [] } };
}

function anomalyFor(model: string, conv: Converted, part: SequentialPartitionInfo): Anomaly {
  const invoke = (i: number): number => conv.pairs[i].invoke.index;
  const key = (conv.operations[part.ops[0]].input as { key?: string }).key;
  const describe = (i: number): string => `op ${invoke(i)} ${part.descriptions[part.ops.indexOf(i)]}`;
  const where = key === undefined ? 'The history' : `Key ${JSON.stringify(key)}`;
  const state = part.longest.states.at(-1) ?? 'the initial state';
  return {
    kind: 'nonsequential',
    explanation:
      `${where} is not sequentially consistent under the ${model} model: no order of its ${part.ops.length} operations ` +
      `respects each process's order and the model. The longest such order found has ${part.longest.ops.length} operations ` +
      `and ends in state ${state}; from there, no process's next operation (${part.next.map(describe).join('; ')}) can follow.`,
    ops: part.next.map(invoke),
    ...(key === undefined ? {} : { key }),
    detail: {
      model,
      finalState: state,
      ops: part.ops.map((i, j) => ({ invoke: invoke(i), complete: conv.pairs[i].complete?.index ?? null, description: part.descriptions[j] })),
      longest: { ops: part.longest.ops.map(invoke), states: part.longest.states },
      steps: part.steps,
    },
  };
}

/** A checker of sequential consistency, per key (see the header for what it rules). */
export function sequentialChecker(opts: SequentialOptions): Checker {
  const model = modelFor(opts.model);
  return {
    async check(_test, history): Promise<CheckResult> {
      const started = performance.now();
      let conv: Converted;
      try {
        conv = toOperations(opts.model, history);
      } catch (e) {
        return unreadable(e, ruling('unknown'));
      }
      const { result, partitions } = checkSequentialVerbose(model, conv.operations, { timeoutMs: opts.timeoutMs, all: true });
      const decided = partitions.filter((p) => p.result !== 'unknown').length;
      const stats: Record<string, unknown> = {
        model: opts.model,
        operations: conv.operations.length,
        dropped: conv.dropped,
        keys: partitions.length,
        decided,
        ms: Math.round(performance.now() - started),
      };
      if (result === 'illegal') {
        const anomalies = partitions.filter((p) => p.result === 'illegal').map((p) => anomalyFor(opts.model, conv, p));
        return { valid: false, models: ruling('ruled-out'), anomalies, stats };
      }
      if (result === 'unknown') {
        return { valid: 'unknown', models: ruling('unknown'), error: `undecided after ${opts.timeoutMs} ms: ${decided} of ${partitions.length} keys decided`, stats };
      }
      const cycle = keyOrderCycle(conv.operations.map((o) => ({ process: o.clientId, key: (o.input as { key?: string }).key })));
      stats.everyKeySequential = true;
      if (!cycle) return { valid: true, models: ruling('holds'), stats };
      const path = cycle.keys.map((k, i) => `process ${cycle.processes[i]} uses key ${JSON.stringify(k)} before ${JSON.stringify(cycle.keys[(i + 1) % cycle.keys.length])}`);
      return {
        valid: 'unknown',
        models: ruling('unknown'),
        error:
          `every key is sequentially consistent on its own, but the processes do not visit the keys in one order (${path.join('; ')}), ` +
          'and sequential consistency is not compositional: the whole history is not decided',
        stats,
      };
    },
  };
}
