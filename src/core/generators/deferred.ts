/**
 * `deferred(make)`: a generator built when it is first asked for an op, from what is known then — e.g.
 * a final phase that reads back the keys the load phase wrote, which only the history so far can say.
 * Before its first request it has built nothing, so updates before then are not passed on; from the
 * first request on, the built generator (returned with the first step) takes them.
 */
import type { Generator } from '../generator.js';
import { gen, type GenLike } from './lift.js';

/** The generator `make()` returns, built at the first request. */
export function deferred(make: () => GenLike): Generator {
  const self: Generator = {
    op(test, ctx) {
      return gen(make()).op(test, ctx);
    },
    update() {
      return self; // nothing is built yet, so there is nothing to tell
    },
  };
  return self;
}
