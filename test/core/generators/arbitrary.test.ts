import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromArbitrary, limit, simulate } from '../../../src/core/generators/index.js';
import { invokes } from './helpers.js';

describe('fromArbitrary', () => {
  it('draws op values from the arbitrary, seeded by the run seed', () => {
    const g = limit(40, fromArbitrary(fc.integer({ min: 0, max: 99 }), 'write'));
    const values = (seed: number) => invokes(simulate(g, { concurrency: 2, seed })).map((r) => r[3] as number);
    const h = invokes(simulate(g, { concurrency: 2, seed: 7 }));
    expect(h.map((r) => [r[0], r[1], r[2]])).toEqual(Array.from({ length: 40 }, (_, i) => [10 * Math.floor(i / 2), i % 2, 'write']));
    for (const v of values(7)) expect(Number.isInteger(v) && v >= 0 && v <= 99, String(v)).toBe(true);
    expect(new Set(values(7)).size).toBeGreaterThan(1);
    expect(values(7)).toEqual(values(7));
    expect(values(8)).not.toEqual(values(7));
  });

  it('builds whole ops from values', () => {
    const arb = fc.record({ f: fc.constantFrom('read', 'write'), key: fc.constantFrom('a', 'b') });
    const h = simulate(limit(50, fromArbitrary(arb, (v) => ({ f: v.f, key: v.key, value: v.f === 'write' ? 1 : undefined }))), { concurrency: 3, seed: 1 });
    const ops = h.filter((o) => o.type === 'invoke');
    expect(ops).toHaveLength(50);
    expect(new Set(ops.map((o) => `${o.f}/${o.key}`))).toEqual(new Set(['read/a', 'read/b', 'write/a', 'write/b']));
    for (const o of ops) expect(o.value).toBe(o.f === 'write' ? 1 : null);
  });

  it('an explicit seed overrides the run seed', () => {
    const g = limit(3, fromArbitrary(fc.nat(), 'w', { seed: 5 }));
    expect(invokes(simulate(g, { concurrency: 1, seed: 1 }))).toEqual(invokes(simulate(g, { concurrency: 1, seed: 2 })));
  });

  it('validates', () => {
    expect(() => fromArbitrary(3 as never, 'w')).toThrow('fromArbitrary: arb must be a fast-check arbitrary, got 3');
    expect(() => fromArbitrary(fc.nat(), 5 as never)).toThrow('fromArbitrary: toOp must be a function, got 5');
  });
});
