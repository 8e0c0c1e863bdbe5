import { describe, expect, it } from 'vitest';
import { fillIn, filter, limit, map, repeat, simulate, sleep } from '../../../src/core/generators/index.js';
import { PENDING, type Generator } from '../../../src/core/generator.js';
import { invokes } from './helpers.js';

/** An endless generator of writes 0, 1, 2, … (pure: the counter lives in the value). */
const counting = (n = 0): Generator => ({
  op(_t, ctx) {
    const op = fillIn({ f: 'w', value: n }, ctx);
    return op ? { op, gen: counting(n + 1) } : { op: PENDING, gen: counting(n) };
  },
  update: () => counting(n),
});

describe('map and filter', () => {
  it('map rewrites invoke ops', () => {
    const g = map((op) => ({ ...op, f: 'write', value: (op.value as number) * 10, key: 'k' }), limit(3, counting()));
    expect(invokes(simulate(g, { concurrency: 1 }))).toEqual([
      [0, 0, 'write', 0, 'k'],
      [10, 0, 'write', 10, 'k'],
      [20, 0, 'write', 20, 'k'],
    ]);
  });

  it('filter drops rejected invoke ops and asks again', () => {
    const g = limit(3, filter((op) => (op.value as number) % 2 === 1, counting()));
    expect(invokes(simulate(g, { concurrency: 1 }))).toEqual([
      [0, 0, 'w', 1],
      [10, 0, 'w', 3],
      [20, 0, 'w', 5],
    ]);
  });

  it('leave sleep ops alone', () => {
    const g = [filter(() => false, sleep(1e-6)), map((op) => ({ ...op, f: 'x' }), sleep(1e-6)), { f: 'r' }];
    expect(invokes(simulate(g, { concurrency: 1 }))).toEqual([[2000, 0, 'r', null]]);
  });

  it('filter reports a predicate that never matches an endless generator', () => {
    expect(() => simulate(filter(() => false, repeat({ f: 'r' })), { concurrency: 1 })).toThrow('filter: 100000 ops in a row rejected');
  });

  it('validate', () => {
    expect(() => map(3 as never, { f: 'r' })).toThrow('map: fn must be a function, got 3');
    expect(() => filter(null as never, { f: 'r' })).toThrow('filter: pred must be a function, got null');
  });
});
