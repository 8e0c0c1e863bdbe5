/**
 * Bounding a generator by a number of ops: `limit(n, g)` emits at most n ops of g (every emitted op
 * counts, sleeps and logs included); `once(g)` is `limit(1, g)`.
 */
import { PENDING, type Generator } from '../generator.js';
import { gen, type GenLike } from './lift.js';
import { integer } from './validate.js';

/** At most `n` ops of `g`, then exhausted. `n` is a non-negative integer. */
export function limit(n: number, g: GenLike): Generator {
  integer('limit', 'n', n, 0);
  return limited(n, gen(g));
}

function limited(n: number, g: Generator): Generator {
  return {
    op(test, ctx) {
      if (n <= 0) return null;
      const step = g.op(test, ctx);
      if (step === null) return null;
      if (step.op === PENDING) return { op: PENDING, gen: limited(n, step.gen) };
      return { op: step.op, gen: limited(n - 1, step.gen) };
    },
    update: (test, ctx, event) => limited(n, g.update(test, ctx, event)),
  };
}

/** The first op of `g` only. */
export function once(g: GenLike): Generator {
  return limited(1, gen(g));
}
