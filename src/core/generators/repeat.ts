/**
 * Repetition, as in Jepsen:
 *  - `repeat(g)` / `repeat(times, g)` asks g for an op again and again without advancing it, so a
 *    template `{f: 'read'}` becomes an endless stream of reads (each on whichever thread is free);
 *  - `cycle(g)` / `cycle(times, g)` runs g to exhaustion, then starts it again from the beginning.
 * A g that is exhausted from the start ends either at once.
 */
import { PENDING, type Generator } from '../generator.js';
import { gen, type GenLike } from './lift.js';
import { integer } from './validate.js';

/** g's first op, forever or `times` times. */
export function repeat(g: GenLike): Generator;
export function repeat(times: number, g: GenLike): Generator;
export function repeat(a: number | GenLike, b?: GenLike): Generator {
  const [times, g] = typeof a === 'number' ? [integer('repeat', 'times', a, 0, true), b!] : [Infinity, a];
  return repeating(times, gen(g));
}

function repeating(left: number, g: Generator): Generator {
  return {
    op(test, ctx) {
      if (left <= 0) return null;
      const step = g.op(test, ctx);
      if (step === null) return null;
      if (step.op === PENDING) return { op: PENDING, gen: repeating(left, step.gen) };
      return { op: step.op, gen: repeating(left - 1, g) };
    },
    update: (test, ctx, event) => repeating(left, g.update(test, ctx, event)),
  };
}

/** g over and over from the start, forever or `times` times in all. */
export function cycle(g: GenLike): Generator;
export function cycle(times: number, g: GenLike): Generator;
export function cycle(a: number | GenLike, b?: GenLike): Generator {
  const [times, g] = typeof a === 'number' ? [integer('cycle', 'times', a, 0, true), b!] : [Infinity, a];
  const fresh = gen(g);
  return cycling(fresh, times, fresh, false);
}

/** `started`: the current round has emitted at least one op (so restarting it cannot spin). */
function cycling(fresh: Generator, rounds: number, g: Generator, started: boolean): Generator {
  return {
    op(test, ctx) {
      if (rounds <= 0) return null;
      const step = g.op(test, ctx);
      if (step === null) {
        if (!started || rounds <= 1) return null;
        return cycling(fresh, rounds - 1, fresh, false).op(test, ctx);
      }
      const emitted = started || step.op !== PENDING;
      return { op: step.op, gen: cycling(fresh, rounds, step.gen, emitted) };
    },
    update: (test, ctx, event) => cycling(fresh, rounds, g.update(test, ctx, event), started),
  };
}
