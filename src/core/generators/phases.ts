/**
 * Barriers. `synchronize(g)` waits until every thread it can see is free, then becomes g.
 * `phases(a, b, c)` runs each generator to exhaustion, and before starting the next waits until every
 * op in flight has completed. `andThen(a, b)` is Jepsen's `then` with the arguments in reading order
 * (Jepsen's takes them reversed, for threading macros): a, a barrier, then b. It is not called `then`:
 * a module exporting `then` makes its namespace object a thenable, and `await import()` of it hangs.
 */
import { PENDING, type Generator } from '../generator.js';
import { allFree } from './context.js';
import { gen, sequence, type GenLike } from './lift.js';

/** Waits until all threads in the context are free, then runs `g`. */
export function synchronize(g: GenLike): Generator {
  const inner = gen(g);
  const self: Generator = {
    op(test, ctx) {
      return allFree(ctx) ? inner.op(test, ctx) : { op: PENDING, gen: self };
    },
    // Not started yet: events before the barrier belong to earlier generators.
    update: () => self,
  };
  return self;
}

/** Each generator in turn, with a barrier (all threads free) before each one. */
export function phases(...gens: GenLike[]): Generator {
  return sequence(gens.map((g) => synchronize(g)));
}

/** `a`, then a barrier, then `b` (Jepsen's `then`, arguments in reading order). */
export function andThen(a: GenLike, b: GenLike): Generator {
  return sequence([gen(a), synchronize(b)]);
}
