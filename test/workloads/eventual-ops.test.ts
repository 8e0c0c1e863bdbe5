/**
 * The main-phase ops of the `set` and `counter` workloads on a simulated clock: each thread's exact
 * ops are fixed by the seed whatever the timing (and differ for another seed); every thread updates
 * every key; elements are unique per key; each key gets its updates; increments lie in range.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/generators/index.js';
import type { Completion, Op } from '../../src/core/op.js';
import { counterWorkload } from '../../workloads/counter.js';
import { setWorkload } from '../../workloads/set.js';

const ctx = (w: typeof setWorkload | typeof counterWorkload, opts: Record<string, string>, seed = 1) => ({
  seed,
  concurrency: 3,
  nodes: ['n1', 'n2', 'n3'],
  timeLimit: 10,
  rate: 0,
  opts: w.optionsSchema.parse(opts) as any,
});

interface Timing {
  latency(op: Op): number;
  complete(op: Op): Completion;
}

const even: Timing = { latency: () => 1_000_000, complete: () => ({ type: 'ok' }) };
const uneven: Timing = {
  latency: (op: Op) => 100_000 + ((op.index * 7919) % 13) * 1_000_000 * (1 + (Number(op.process) % 3)),
  complete: (op: Op): Completion => (op.index % 7 === 3 ? { type: 'info', error: 'timeout' } : { type: 'ok' }),
};

/** Each thread's invokes as `f key value`. */
function threads(w: typeof setWorkload | typeof counterWorkload, opts: Record<string, string>, timing: Timing, seed = 1): string[][] {
  const h = simulate(w.generator(ctx(w, opts, seed)), { concurrency: 3, seed, ...timing });
  const out: string[][] = [[], [], []];
  for (const op of h) if (op.type === 'invoke') out[Number(op.process) % 3]!.push(`${op.f} ${op.key} ${JSON.stringify(op.value)}`);
  return out;
}

describe('set and counter main-phase ops', () => {
  const opts = { 'key-count': '3', 'adds-per-key': '30', 'read-fraction': '0.3' };

  it('each thread issues the same ops for one seed however long ops take and whichever end info, others for another seed', () => {
    const a = threads(setWorkload, opts, even);
    expect(threads(setWorkload, opts, uneven)).toEqual(a);
    expect(threads(setWorkload, opts, even, 2)).not.toEqual(a);
    const c = { 'key-count': '2', 'incrs-per-key': '20' };
    expect(threads(counterWorkload, c, uneven)).toEqual(threads(counterWorkload, c, even));
  });

  it('set: every thread adds its share to every key, elements unique per key (thread t adds t+1, t+1+3, …), reads of every key', () => {
    const per = threads(setWorkload, opts, uneven);
    per.forEach((ops, t) => {
      const adds = ops.filter((s) => s.startsWith('add '));
      expect(adds).toHaveLength(30);
      for (const key of ['k0', 'k1', 'k2']) {
        const values = adds.filter((s) => s.split(' ')[1] === key).map((s) => Number(s.split(' ')[2]));
        expect(values).toEqual(Array.from({ length: 10 }, (_, m) => m * 3 + t + 1));
      }
      const reads = ops.filter((s) => s.startsWith('read '));
      expect(reads.length).toBeGreaterThan(3);
      expect(new Set(reads)).toEqual(new Set(['read k0 null', 'read k1 null', 'read k2 null']));
    });
  });

  it('counter: increments of 1..max-increment, each thread its share of each key, and no reads with read-fraction 0', () => {
    const per = threads(counterWorkload, { 'key-count': '2', 'incrs-per-key': '10', 'max-increment': '3', 'read-fraction': '0' }, even);
    for (const ops of per) {
      expect(ops).toHaveLength(8); // ⌈10 / 3⌉ = 4 per key
      const amounts = ops.map((s) => Number(s.split(' ')[2]));
      expect(amounts.every((d) => d >= 1 && d <= 3)).toBe(true);
      expect(ops.filter((s) => s.startsWith('incr k0 '))).toHaveLength(4);
    }
    expect(new Set(per.flat().map((s) => s.split(' ')[2])).size).toBe(3);
  });
});
