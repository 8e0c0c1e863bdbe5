/**
 * The op stream of the eventual workloads (`set`, `counter`): updates (`add` of an element, `incr` by
 * an amount) and reads over a fixed set of keys, which every client thread uses, so that each key is
 * updated and read through every node at once. Each thread draws its own stream (`eachProcess`),
 * seeded by the run's seed and the thread, so the ops a thread issues never depend on how fast the
 * others go (exact replay). Each op is a read with chance `readFraction` (of a key drawn from all
 * keys), else an update of a key drawn from those the thread still has updates for: a thread makes
 * its share, ⌈updatesPerKey / concurrency⌉, of each key's updates, then stops. Added elements are
 * unique within a key: thread t of c adds t+1, t+1+c, t+1+2c, …; increments are drawn from
 * 1..maxIncrement. Pure: the RNG and the counts travel inside the generator.
 *
 * Op shapes: `{f: 'add', key, value: element}`, `{f: 'incr', key, value: amount}`,
 * `{f: 'read', key, value: null}` (completed ok with the set as a list of elements, or the count).
 */
import { PENDING, type Generator } from '../src/core/generator.js';
import { eachProcess, initialRng, randFloat, randInt, someFreeProcess, type Rng } from '../src/core/generators/index.js';

/** What the stream does. */
export interface EventualMix {
  /** The update op: `add` (sets) or `incr` (counters). */
  update: 'add' | 'incr';
  keys: readonly string[];
  /** Updates of each key, over all threads. */
  updatesPerKey: number;
  /** Chance that an op is a read. */
  readFraction: number;
  /** Increments are drawn from 1..maxIncrement (counters). */
  maxIncrement: number;
}

interface State {
  rng: Rng;
  /** Updates this thread has made of each key. */
  made: readonly number[];
}

function step(mix: EventualMix, share: number, s: State | undefined, seedName: string): Generator {
  const self: Generator = {
    op(test, ctx) {
      const process = someFreeProcess(ctx);
      if (process === undefined) return { op: PENDING, gen: self };
      const st = s ?? { rng: initialRng(test, undefined, seedName), made: mix.keys.map(() => 0) };
      const open = mix.keys.map((_, i) => i).filter((i) => st.made[i] < share);
      if (open.length === 0) return null;
      const base = { type: 'invoke' as const, process, time: ctx.time };
      let [roll, rng] = randFloat(st.rng);
      let k: number;
      if (roll < mix.readFraction) {
        [k, rng] = randInt(rng, 0, mix.keys.length - 1);
        return { op: { ...base, f: 'read', key: mix.keys[k], value: null }, gen: step(mix, share, { ...st, rng }, seedName) };
      }
      [k, rng] = randInt(rng, 0, open.length - 1);
      const i = open[k];
      const made = st.made.map((m, j) => (j === i ? m + 1 : m));
      let value: number;
      if (mix.update === 'add') {
        const thread = ctx.threads[0];
        const slot = typeof thread === 'number' ? thread : 0;
        value = st.made[i] * test.concurrency + slot + 1;
      } else [value, rng] = randInt(rng, 1, mix.maxIncrement);
      return { op: { ...base, f: mix.update, key: mix.keys[i], value }, gen: step(mix, share, { rng, made }, seedName) };
    },
    update() {
      return self;
    },
  };
  return self;
}

/** The main-phase ops of an eventual workload; `seedName` salts the run's seed. */
export function eventualOps(mix: EventualMix, seedName: string): Generator {
  if (mix.keys.length === 0) throw new RangeError('eventualOps: expected at least one key');
  if (!(mix.readFraction >= 0 && mix.readFraction < 1)) throw new RangeError(`eventualOps: readFraction must be in [0, 1), got ${mix.readFraction}`);
  if (!Number.isInteger(mix.maxIncrement) || mix.maxIncrement < 1) throw new RangeError(`eventualOps: maxIncrement must be an integer >= 1, got ${mix.maxIncrement}`);
  const fresh: Generator = {
    op(test, ctx) {
      const share = Math.ceil(mix.updatesPerKey / test.concurrency);
      return step(mix, share, undefined, seedName).op(test, ctx);
    },
    update: () => fresh,
  };
  return eachProcess(fresh);
}
