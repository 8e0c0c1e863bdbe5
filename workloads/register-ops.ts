/**
 * The op stream of one register key: reads, writes and compare-and-sets. Each client thread of the
 * key's group draws its own stream (`eachProcess`), seeded by the run's seed, the key and the thread,
 * so the ops a thread issues never depend on how fast the other threads go: the same seed gives every
 * thread the same ops in the same order (exact replay). Written values are unique within the key: the
 * thread in slot j of a group of n writes j+1, j+1+n, j+1+2n, … A cas compares against one of the few
 * values just before its new one in that order (mostly the other threads' latest writes), so that
 * some succeed and some observe a mismatch. Pure: the RNG and the count travel inside the generator.
 */
import { PENDING, type Generator } from '../src/core/generator.js';
import { eachProcess, initialRng, limit, randInt, someFreeProcess, type Rng } from '../src/core/generators/index.js';

export interface RegisterMix {
  /** Relative weights of read, write and cas. */
  read: number;
  write: number;
  cas: number;
}

interface State {
  rng: Rng;
  /** Values this thread has written (or tried to cas to) on the key so far. */
  writes: number;
}

function step(mix: RegisterMix, n: number, s: State | undefined, seedName: string): Generator {
  const self: Generator = {
    op(test, ctx) {
      const process = someFreeProcess(ctx);
      if (process === undefined) return { op: PENDING, gen: self };
      const thread = ctx.threads[0];
      const slot = typeof thread === 'number' ? thread % n : 0;
      const st = s ?? { rng: initialRng(test, undefined, seedName), writes: 0 };
      const value = st.writes * n + slot + 1;
      const [roll, rng1] = randInt(st.rng, 1, mix.read + mix.write + mix.cas);
      const base = { type: 'invoke' as const, process, time: ctx.time };
      if (roll <= mix.read) {
        return { op: { ...base, f: 'read', value: null }, gen: step(mix, n, { ...st, rng: rng1 }, seedName) };
      }
      if (roll <= mix.read + mix.write) {
        return { op: { ...base, f: 'write', value }, gen: step(mix, n, { rng: rng1, writes: st.writes + 1 }, seedName) };
      }
      const [back, rng2] = randInt(rng1, 1, 3);
      const from = Math.max(1, value - back);
      return { op: { ...base, f: 'cas', value: [from, value] }, gen: step(mix, n, { rng: rng2, writes: st.writes + 1 }, seedName) };
    },
    update() {
      return self;
    },
  };
  return self;
}

/**
 * The ops of one key for a group of `threadsPerKey` client threads (contiguous thread ids, as
 * `independentKeys` forms them): `opsPerThread` ops per thread, each thread its own stream; the key is
 * done when every thread has issued its share and every op has completed. `seedName` salts the seed.
 */
export function registerOps(mix: RegisterMix, o: { threadsPerKey: number; opsPerThread: number; seedName: string }): Generator {
  return eachProcess(limit(o.opsPerThread, step(mix, o.threadsPerKey, undefined, o.seedName)));
}
