/**
 * `independentKeys` (Jepsen's `independent/concurrent-generator`): the client threads are split into
 * groups of `threadsPerKey`; each group works on one key at a time with its own generator
 * `perKey(key)` (bounded by `opsPerKey` if given), and when that generator is exhausted the group takes
 * its next key. Every op emitted carries its `key`, so each key's sub-history can be checked on its
 * own. Completions reach the generator of the key they belong to. Ends when the keys run out and every
 * group has finished its last key.
 *
 * The keys are dealt round-robin, not taken first come first served: of G groups, group g works on
 * keys[g], keys[g + G], keys[g + 2G], … So which keys a thread works on never depends on how fast the
 * groups go (Jepsen's shared queue would let timing decide), which exact replay needs: with a per-key
 * generator that gives each thread its own stream (`eachProcess`), a thread's ops are fixed by the seed.
 */
import { PENDING, type GenOp, type GenStep, type GenTest, type Generator, type Thread } from '../generator.js';
import { anyFree, contextFor, threadOf } from './context.js';
import { gen, type GenLike } from './lift.js';
import { limit } from './limit.js';
import { childTest } from './random.js';
import { integer, isFunction } from './validate.js';

/** Options of `independentKeys`. */
export interface IndependentKeysOptions {
  /** Threads per group (each group works on one key at a time). The client count must be a multiple. */
  threadsPerKey: number;
  /** The key sequence: a list, or the i-th key (null/undefined: no more keys); dealt round-robin to the groups. */
  keys: readonly (string | number)[] | ((i: number) => string | number | null | undefined);
  /** The generator for one key (its ops get `key` filled in). */
  perKey: (key: string) => GenLike;
  /** Bound on each key's generator, in ops (default: none — perKey must end by itself). */
  opsPerKey?: number;
}

/** A group's current key and its generator; null: take the next key; 'done': no keys left. */
type Slot = { key: string; g: Generator } | null | 'done';

/** Groups of threads, each on one key at a time, keys drawn in order from `keys`. */
export function independentKeys(o: IndependentKeysOptions): Generator {
  const n = integer('independentKeys', 'threadsPerKey', o.threadsPerKey, 1);
  if (!Array.isArray(o.keys) && typeof o.keys !== 'function') throw new TypeError(`independentKeys: keys must be an array or a function, got ${String(o.keys)}`);
  isFunction('independentKeys', 'perKey', o.perKey);
  if (o.opsPerKey !== undefined) integer('independentKeys', 'opsPerKey', o.opsPerKey, 1);
  const keyAt = (i: number): string | undefined => {
    const k = typeof o.keys === 'function' ? o.keys(i) : o.keys[i];
    return k == null ? undefined : String(k);
  };
  const start = (key: string): Generator => (o.opsPerKey ? limit(o.opsPerKey, o.perKey(key)) : gen(o.perKey(key)));
  return grouped({ n, keyAt, start }, [], []);
}

interface Setup {
  n: number;
  keyAt(i: number): string | undefined;
  start(key: string): Generator;
}

const keyTest = (test: GenTest, key: string) => childTest(test, `key:${key}`);

/** `taken[g]`: how many keys group g has taken so far (its next is keyAt(taken[g]·groups + g)). */
function grouped(s: Setup, slots: readonly Slot[], taken: readonly number[]): Generator {
  const self: Generator = {
    op(test, ctx): GenStep {
      const clients = ctx.threads.filter((t): t is number => t !== 'nemesis');
      if (clients.length % s.n !== 0) {
        throw new RangeError(`independentKeys: ${clients.length} client threads is not a multiple of threadsPerKey ${s.n}`);
      }
      const groups = clients.length / s.n;
      const next: Slot[] = Array.from({ length: groups }, (_, i) => slots[i] ?? null);
      const k = Array.from({ length: groups }, (_, i) => taken[i] ?? 0);
      let best: { group: number; key: string; op: GenOp; gen: Generator } | null = null;
      for (let i = 0; i < next.length; i++) {
        const sub = contextFor(ctx, clients.slice(i * s.n, (i + 1) * s.n));
        for (;;) {
          let slot = next[i]!;
          if (slot === 'done') break;
          if (slot === null) {
            const key = s.keyAt(k[i]! * groups + i);
            if (key === undefined) {
              next[i] = 'done';
              break;
            }
            k[i]!++;
            slot = next[i] = { key, g: s.start(key) };
          }
          if (!anyFree(sub)) break;
          const step = slot.g.op(keyTest(test, slot.key), sub);
          if (step === null) {
            next[i] = null;
            continue;
          }
          if (step.op === PENDING) next[i] = { key: slot.key, g: step.gen };
          else if (!best || step.op.time < best.op.time) best = { group: i, key: slot.key, op: step.op, gen: step.gen };
          break;
        }
      }
      if (best) {
        next[best.group] = { key: best.key, g: best.gen };
        return { op: { ...best.op, key: best.key }, gen: grouped(s, next, k) };
      }
      if (next.every((x) => x === 'done')) return null;
      return { op: PENDING, gen: grouped(s, next, k) };
    },
    update(test, ctx, event) {
      const t: Thread | undefined = threadOf(ctx, event.process);
      if (typeof t !== 'number') return self;
      const clients = ctx.threads.filter((x): x is number => x !== 'nemesis');
      const i = Math.floor(clients.indexOf(t) / s.n);
      const slot = slots[i];
      if (!slot || slot === 'done' || slot.key !== event.key) return self;
      const sub = contextFor(ctx, clients.slice(i * s.n, (i + 1) * s.n));
      const next = slots.slice();
      next[i] = { key: slot.key, g: slot.g.update(keyTest(test, slot.key), sub, event) };
      return grouped(s, next, taken);
    },
  };
  return self;
}
