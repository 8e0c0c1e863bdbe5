/**
 * Model defaults, filled in one place. A model needs only `init`, `step` and `equal`; everything
 * else a check uses comes from here.
 */
import { showJson as json } from './show.js';
import type { Event, FullModel, Model, Operation } from './types.js';

/**
 * Returns the model with every optional function filled in: one partition, `JSON.stringify` as
 * state hash, JSON descriptions. Throws an Error naming the model when a required function is
 * missing (a programmer error, not a verdict).
 */
export function fillDefaults<S, I, O>(model: Model<S, I, O>): FullModel<S, I, O> {
  const name = model?.name ?? 'unnamed model';
  for (const fn of ['init', 'step', 'equal'] as const) {
    if (typeof model?.[fn] !== 'function') {
      throw new Error(`porcupine: model "${name}" has no ${fn} function (init, step and equal are required)`);
    }
  }
  return {
    name,
    init: model.init,
    step: model.step,
    equal: model.equal,
    hash: model.hash ?? json,
    readOnly: model.readOnly ?? (() => false),
    partition: model.partition ?? ((h: Operation<I, O>[]) => [h]),
    partitionEvent: model.partitionEvent ?? ((h: Event<I, O>[]) => [h]),
    describeOperation: model.describeOperation ?? ((i: I, o: O) => `${json(i)} -> ${json(o)}`),
    describeState: model.describeState ?? json,
    ...(model.compile ? { compile: model.compile } : {}),
  };
}

/**
 * Builds `partition` and `partitionEvent` for a model whose operations are independent per key:
 * operations with different keys never constrain each other (P-compositionality).
 */
export function partitionByKey<I, O>(
  keyOf: (input: I) => unknown,
): Pick<Required<Model<unknown, I, O>>, 'partition' | 'partitionEvent'> {
  return {
    partition(history) {
      const parts = new Map<unknown, Operation<I, O>[]>();
      for (const op of history) {
        const k = keyOf(op.input);
        let part = parts.get(k);
        if (!part) parts.set(k, (part = []));
        part.push(op);
      }
      return [...parts.values()];
    },
    partitionEvent(history) {
      // A return carries no input: it goes where its call went.
      const keyOfId = new Map<number, unknown>();
      const parts = new Map<unknown, Event<I, O>[]>();
      for (const ev of history) {
        let k: unknown;
        if (ev.kind === 'call') keyOfId.set(ev.id, (k = keyOf(ev.value as I)));
        else k = keyOfId.get(ev.id);
        let part = parts.get(k);
        if (!part) parts.set(k, (part = []));
        part.push(ev);
      }
      return [...parts.values()];
    },
  };
}
