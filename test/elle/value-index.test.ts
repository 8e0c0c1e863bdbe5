/**
 * ValueIndex behaves like a map from (key id, value) to micro-op id, for integer values (its typed-array
 * table, through growth) and for any other value (its fallback map).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Arena } from '../../src/elle/arena.js';
import { ValueIndex } from '../../src/elle/value-index.js';

describe('ValueIndex', () => {
  it('agrees with a map of (key, value) pairs', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer(), fc.constantFrom('1', 'a', 1.5, -0));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(6), value, fc.nat()), { maxLength: 200 }), fc.array(fc.tuple(fc.nat(6), value)), (sets, gets) => {
        const ix = new ValueIndex(1, new Arena(1024));
        const model = new Map<string, number>();
        const id = (k: number, v: unknown): string => `${k}/${typeof v}/${Object.is(v, -0) ? 0 : String(v)}`;
        for (const [k, v, m] of sets) {
          ix.set(k, v, m);
          model.set(id(k, v), m);
        }
        for (const [k, v] of [...gets, ...sets.map(([k, v]) => [k, v] as const)]) expect(ix.get(k, v)).toBe(model.get(id(k, v)) ?? -1);
      }),
      { numRuns: 300 },
    );
  });

  it('tells 1 from "1" and keys apart', () => {
    const ix = new ValueIndex(4, new Arena(1024));
    ix.set(0, 1, 10);
    ix.set(0, '1', 11);
    ix.set(1, 1, 12);
    expect([ix.get(0, 1), ix.get(0, '1'), ix.get(1, 1), ix.get(1, '1'), ix.get(2, 1)]).toEqual([10, 11, 12, -1, -1]);
  });
});
