/**
 * The op stream of one register key: reads, writes and compare-and-sets, with written values unique
 * within the key (1, 2, 3, … in the order the generator emits them). A cas compares against one of
 * the last few values written, so that some succeed and some observe a mismatch. Pure: the RNG and
 * the next value travel inside the generator.
 */
import { PENDING, type Generator } from '../src/core/generator.js';
import { initialRng, randInt, someFreeProcess, type Rng } from '../src/core/generators/index.js';

export interface RegisterMix {
  /** Relative weights of read, write and cas. */
  read: number;
  write: number;
  cas: number;
}

interface State {
  rng: Rng;
  next: number;
}

function step(mix: RegisterMix, s: State | undefined, seedName: string): Generator {
  const self: Generator = {
    op(test, ctx) {
      const process = someFreeProcess(ctx);
      if (process === undefined) return { op: PENDING, gen: self };
      const st = s ?? { rng: initialRng(test, undefined, seedName), next: 1 };
      const [roll, rng1] = randInt(st.rng, 1, mix.read + mix.write + mix.cas);
      const base = { type: 'invoke' as const, process, time: ctx.time };
      if (roll <= mix.read) {
        return { op: { ...base, f: 'read', value: null }, gen: step(mix, { ...st, rng: rng1 }, seedName) };
      }
      if (roll <= mix.read + mix.write) {
        return { op: { ...base, f: 'write', value: st.next }, gen: step(mix, { rng: rng1, next: st.next + 1 }, seedName) };
      }
      const [back, rng2] = randInt(rng1, 1, 3);
      const from = Math.max(1, st.next - back);
      return { op: { ...base, f: 'cas', value: [from, st.next] }, gen: step(mix, { rng: rng2, next: st.next + 1 }, seedName) };
    },
    update() {
      return self;
    },
  };
  return self;
}

/** An endless stream of register ops for one key; `seedName` salts the run's seed. */
export function registerOps(mix: RegisterMix, seedName: string): Generator {
  return step(mix, undefined, seedName);
}
