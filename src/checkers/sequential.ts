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
 *
 * Final reads (sequential-final.ts: reads after every update completed, such as the register
 * workload's read-back) visit the keys in an order of their own; they are searched as coming after
 * every other operation of their key, and left out of the key-visiting order, which keeps the
 * combination decidable. A key with no order that way is searched again, first without its final
 * reads, then with them as ordinary operations under process order alone; either failing rules the
 * whole history out. That refutation is sound: an order of the whole history respecting process order
 * and the model, restricted to one key, is an order of that key's operations respecting process
 * order and the model (other keys' operations do not change this key's state), so a key with no such
 * order means the history has none; and a key with no order without its final reads has none with
 * them (dropping reads from a legal order leaves a legal order). Only a key that has an order under
 * process order but none with its final reads last is left `unknown` — its final reads would have to
 * come before some of its other operations, which the combination argument of sequential-final.ts
 * does not cover — unless it is the history's only key, when its order is the history's.
 */
import type { Anomaly, Checker, CheckResult } from '../core/checker.js';
import type { ModelVerdicts } from '../core/models.js';
import { checkSequentialVerbose, type SequentialPartitionInfo } from '../porcupine/index.js';
import { toOperations, unreadable, type Converted, type LinearizableModelName } from './linearizable-ops.js';
import { modelFor } from './linearizable.js';
import { finalReads } from './sequential-final.js';
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

/** `p` found in a check of the operations `keep` (indices into the full list), with its indices mapped back. */
function remap(p: SequentialPartitionInfo, keep: readonly number[]): SequentialPartitionInfo {
  const back = (i: number) => keep[i]!;
  return { ...p, ops: p.ops.map(back), longest: { ...p.longest, ops: p.longest.ops.map(back) }, next: p.next.map(back) };
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
      const last = finalReads(opts.model, conv, history);
      const finals = last.reduce((a, b) => a + b, 0);
      let { result, partitions } = checkSequentialVerbose(model, conv.operations, { timeoutMs: opts.timeoutMs, all: true, isLast: finals > 0 ? (i) => last[i] === 1 : undefined });
      let finalsMisplaced = false;
      if (result === 'illegal' && finals > 0) {
        // Illegal with the final reads kept last: without them at all, is it still illegal?
        const keep = conv.operations.map((_, i) => i).filter((i) => last[i] === 0);
        const without = checkSequentialVerbose(model, keep.map((i) => conv.operations[i]!), { timeoutMs: opts.timeoutMs, all: true });
        if (without.result === 'illegal') {
          partitions = without.partitions.map((p) => remap(p, keep));
          result = 'illegal';
        } else {
          // Then the keys that failed, searched with their final reads as ordinary ops (process order only).
          const failed = partitions.filter((p) => p.result === 'illegal').flatMap((p) => p.ops).sort((a, b) => a - b);
          const plain = checkSequentialVerbose(model, failed.map((i) => conv.operations[i]!), { timeoutMs: opts.timeoutMs, all: true });
          if (plain.result === 'illegal') {
            // Every key keeps its partition from the first search; the failed keys get the plain search's.
            const again = plain.partitions.map((p) => remap(p, failed));
            partitions = [...partitions.filter((p) => p.result !== 'illegal'), ...again];
            result = 'illegal';
          } else if (plain.result === 'ok' && partitions.length === 1) {
            // One key in the whole history: its order under process order is an order of the history.
            result = 'ok';
          } else {
            finalsMisplaced = true;
            result = 'unknown';
          }
        }
      }
      const decided = partitions.filter((p) => p.result !== 'unknown').length;
      const stats: Record<string, unknown> = {
        model: opts.model,
        operations: conv.operations.length,
        dropped: conv.dropped,
        keys: partitions.length,
        decided,
        finalReads: finals,
        ms: Math.round(performance.now() - started),
      };
      if (result === 'illegal') {
        const anomalies = partitions.filter((p) => p.result === 'illegal').map((p) => anomalyFor(opts.model, conv, p));
        return { valid: false, models: ruling('ruled-out'), anomalies, stats };
      }
      if (finalsMisplaced) {
        return {
          valid: 'unknown',
          models: ruling('unknown'),
          error: `the operations before the final reads have a sequential order on every key, but not every key has one with its final reads (the ${finals} reads after every update completed) after all its other operations: not decided`,
          stats,
        };
      }
      if (result === 'unknown') {
        return { valid: 'unknown', models: ruling('unknown'), error: `undecided after ${opts.timeoutMs} ms: ${decided} of ${partitions.length} keys decided`, stats };
      }
      const cycle = keyOrderCycle(conv.operations.filter((_, i) => last[i] === 0).map((o) => ({ process: o.clientId, key: (o.input as { key?: string }).key })));
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
