/**
 * Transforming the ops of a generator. `map(fn, g)` rewrites each invoke op g emits (its f, value,
 * key…); `filter(pred, g)` drops the invoke ops that `pred` rejects and asks g again. Sleep and log
 * ops pass through both untouched. Updates are forwarded to g unchanged.
 */
import { PENDING, type GenOp, type GenStep, type Generator } from '../generator.js';
import { gen, type GenLike } from './lift.js';
import { isFunction } from './validate.js';

/** How many ops in a row `filter` may reject before it reports a generator that never matches. */
export const FILTER_MAX_REJECTS = 100_000;

/** g with `fn` applied to each invoke op (fn must keep `process`, and `time` no earlier). */
export function map(fn: (op: GenOp) => GenOp, g: GenLike): Generator {
  isFunction('map', 'fn', fn);
  return mapped(fn, gen(g));
}

function mapped(fn: (op: GenOp) => GenOp, g: Generator): Generator {
  return {
    op(test, ctx) {
      const step = g.op(test, ctx);
      if (step === null) return null;
      const op = step.op === PENDING || step.op.type !== 'invoke' ? step.op : fn(step.op);
      return { op, gen: mapped(fn, step.gen) };
    },
    update: (test, ctx, event) => mapped(fn, g.update(test, ctx, event)),
  };
}

/** g without the invoke ops `pred` rejects. */
export function filter(pred: (op: GenOp) => boolean, g: GenLike): Generator {
  isFunction('filter', 'pred', pred);
  return filtered(pred, gen(g));
}

function filtered(pred: (op: GenOp) => boolean, g: Generator): Generator {
  return {
    op(test, ctx): GenStep {
      let cur = g;
      for (let rejected = 0; rejected < FILTER_MAX_REJECTS; rejected++) {
        const step = cur.op(test, ctx);
        if (step === null) return null;
        if (step.op === PENDING || step.op.type !== 'invoke' || pred(step.op)) {
          return { op: step.op, gen: filtered(pred, step.gen) };
        }
        cur = step.gen;
      }
      throw new Error(`filter: ${FILTER_MAX_REJECTS} ops in a row rejected; the predicate never matches this generator`);
    },
    update: (test, ctx, event) => filtered(pred, g.update(test, ctx, event)),
  };
}
