/**
 * The anomaly the linearizability checker reports for one non-linearizable key: the engine's
 * linearization info (the longest linearizable prefixes its search found, recorded while it proved
 * the key illegal) and the ops that could have come next; the report draws it as a Porcupine-style
 * view.
 */
import type { Anomaly } from '../core/checker.js';
import type { FullModel, PartitionInfo } from '../porcupine/index.js';
import type { Converted } from './linearizable-ops.js';

/** `Key "k"`, or `The history` when the model is not partitioned by key. */
function where(key: string | undefined): string {
  return key === undefined ? 'The history' : `Key ${JSON.stringify(key)}`;
}

/** The key of the partition made of porcupine operations `ops`, if the model has keys. */
export function keyOf(conv: Converted, ops: number[]): string | undefined {
  return (conv.operations[ops[0]]?.input as { key?: string } | undefined)?.key;
}

/** The anomaly for an illegal partition, explained by `part.partialLinearizations`. */
export function explainedAnomaly(model: FullModel<unknown, unknown, unknown>, conv: Converted, part: PartitionInfo): Anomaly {
  const { operations, pairs } = conv;
  const key = keyOf(conv, part.ops);
  const longest = part.partialLinearizations[0] ?? { ops: [], states: [] };
  const placed = new Set(longest.ops);
  const rest = part.ops.filter((i) => !placed.has(i));
  // The ops that could have come next: called before any other remaining op returned.
  const firstReturn = Math.min(...rest.map((i) => operations[i].return));
  const next = rest.filter((i) => operations[i].call < firstReturn);
  const state = longest.states.at(-1) ?? model.describeState(model.init());
  const invokeIndex = (i: number): number => pairs[i].invoke.index;
  const describe = (i: number): string => `op ${invokeIndex(i)} ${part.descriptions[part.ops.indexOf(i)]}`;
  const explanation =
    `${where(key)} is not linearizable under the ${model.name} model: no order of its ${part.ops.length} operations ` +
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
      ops: opRows(conv, part),
      partialLinearizations: part.partialLinearizations.map((p) => ({ ops: mapOps(p.ops), states: p.states })),
      steps: part.steps,
    },
  };
}

/** Each op of the partition as (invoke, complete) record indices with its description. */
function opRows(conv: Converted, part: PartitionInfo): { invoke: number; complete: number | null; description: string }[] {
  return part.ops.map((i, j) => ({
    invoke: conv.pairs[i].invoke.index,
    complete: conv.pairs[i].complete?.index ?? null,
    description: part.descriptions[j],
  }));
}
