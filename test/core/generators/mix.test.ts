import { describe, expect, it } from 'vitest';
import { limit, mix, repeat, simulate, stagger } from '../../../src/core/generators/index.js';
import { invokes } from './helpers.js';

describe('mix', () => {
  it('picks a generator at random for each op, reproducibly', () => {
    const g = limit(200, mix([repeat({ f: 'a' }), repeat({ f: 'b' })]));
    const fs = (seed: number) => invokes(simulate(g, { concurrency: 2, seed })).map((r) => r[2]);
    const h = simulate(g, { concurrency: 2, seed: 1 });
    // When and where ops run does not depend on the choice: both threads, every 10 ns.
    expect(invokes(h).map((r) => [r[0], r[1]])).toEqual(Array.from({ length: 200 }, (_, i) => [10 * Math.floor(i / 2), i % 2]));
    // Each op is drawn anew: both children appear, in no fixed pattern.
    const a = fs(1).filter((f) => f === 'a').length;
    expect(a + fs(1).filter((f) => f === 'b').length).toBe(200);
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(200);
    // The same seed gives the same history; other seeds give other choices.
    expect(simulate(g, { concurrency: 2, seed: 1 })).toEqual(h);
    for (const seed of [2, 3]) expect(fs(seed)).not.toEqual(fs(1));
  });

  it('drops exhausted generators and ends when all are', () => {
    const h = simulate(mix([{ f: 'a' }, [{ f: 'b' }, { f: 'b' }]]), { concurrency: 1, seed: 5 });
    expect(invokes(h).map((r) => r[2]).sort()).toEqual(['a', 'b', 'b']);
  });

  it('follows weights', () => {
    const h = simulate(limit(1000, mix([repeat({ f: 'a' }), repeat({ f: 'b' })], { weights: [9, 1] })), { concurrency: 4, seed: 2 });
    const as = h.filter((o) => o.type === 'invoke' && o.f === 'a').length;
    expect(as).toBeGreaterThan(850);
    expect(as).toBeLessThan(950);
  });

  it('gives each child its own seed, so random children do not draw the same stream', () => {
    const child = (f: string) => stagger(1e-6, repeat({ f }));
    const h = simulate(limit(40, mix([child('a'), child('b')])), { concurrency: 1, seed: 1 });
    const gaps = (f: string) => {
      const t = h.filter((o) => o.type === 'invoke' && o.f === f).map((o) => o.time);
      return t.slice(1).map((x, i) => x - t[i]!);
    };
    expect(gaps('a').slice(0, 3)).not.toEqual(gaps('b').slice(0, 3));
  });

  it('validates', () => {
    expect(() => mix([{ f: 'a' }], { weights: [1, 2] })).toThrow('mix: weights must have one entry per generator (1), got 2');
    expect(() => mix([{ f: 'a' }], { weights: [-1] })).toThrow('mix: weight must be a positive number, got -1');
  });
});
