/**
 * Pacing. As in Jepsen, pacing applies to the whole generator, not to each thread:
 *  - `stagger(mean, g)` schedules g's ops at uniformly random intervals in [0, 2·mean) seconds, so
 *    about 1/mean ops per second in total (fewer if no thread is free when an op falls due);
 *  - `rate(opsPerSecond, g)` is `stagger(1 / opsPerSecond, g)`;
 *  - `delay(dt, g)` schedules ops exactly dt seconds apart, catching up if it falls behind.
 * An op is never moved earlier than g asked for. The RNG comes from `options.seed`, else the run seed.
 */
import { PENDING, type Generator } from '../generator.js';
import { gen, type GenLike } from './lift.js';
import { initialRng, randFloat, type Rng } from './random.js';
import { positive } from './validate.js';

/** Options of the random pacing combinators. */
export interface PacingOptions {
  /** Seed for the interval RNG (default: derived from the run's seed). */
  seed?: number;
}

/** g's ops at random intervals with mean `mean` seconds (> 0), over all threads together. */
export function stagger(mean: number, g: GenLike, options: PacingOptions = {}): Generator {
  positive('stagger', 'mean', mean);
  return paced('stagger', Math.round(2 * mean * 1e9), true, options.seed, null, null, gen(g));
}

/** About `opsPerSecond` (> 0) ops per second over all threads: `stagger(1 / opsPerSecond, g)`. */
export function rate(opsPerSecond: number, g: GenLike, options: PacingOptions = {}): Generator {
  positive('rate', 'ops per second', opsPerSecond);
  return paced('rate', Math.round((2 / opsPerSecond) * 1e9), true, options.seed, null, null, gen(g));
}

/** g's ops exactly `dt` seconds (> 0) apart (the first one at once). */
export function delay(dt: number, g: GenLike): Generator {
  positive('delay', 'dt', dt);
  return paced('delay', Math.round(dt * 1e9), false, undefined, null, null, gen(g));
}

/**
 * `span` is the interval (random: the upper bound of a uniform draw); `next` the earliest time of the
 * next op (null before the first); `rng` null until first asked.
 */
function paced(
  name: string,
  span: number,
  random: boolean,
  seed: number | undefined,
  next: number | null,
  rng: Rng | null,
  g: Generator,
): Generator {
  return {
    op(test, ctx) {
      const step = g.op(test, ctx);
      if (step === null) return null;
      if (step.op === PENDING) return { op: PENDING, gen: paced(name, span, random, seed, next, rng, step.gen) };
      const due = next ?? ctx.time;
      const time = Math.max(step.op.time, due);
      let r = rng;
      let gap = span;
      if (random) {
        let u: number;
        [u, r] = randFloat(rng ?? initialRng(test, seed, name));
        gap = Math.floor(u * span);
      }
      const following = random ? time + gap : due + gap;
      return { op: { ...step.op, time }, gen: paced(name, span, random, seed, following, r, step.gen) };
    },
    update: (test, ctx, event) => paced(name, span, random, seed, next, rng, g.update(test, ctx, event)),
  };
}
