import { describe, expect, it } from 'vitest';
import { limit, mix, repeat, simulate, stagger } from '../../../src/core/generators/index.js';
import { invokes } from './helpers.js';

describe('mix', () => {
  it('picks a generator at random for each op, reproducibly', () => {
    const g = limit(6, mix([repeat({ f: 'a' }), repeat({ f: 'b' })]));
    const h = simulate(g, { concurrency: 2, seed: 1 });
    expect(invokes(h)).toEqual([
      [0, 0, 'a', null],
      [0, 1, 'a', null],
      [10, 0, 'a', null],
      [10, 1, 'b', null],
      [20, 0, 'b', null],
      [20, 1, 'a', null],
    ]);
    expect(simulate(g, { concurrency: 2, seed: 1 })).toEqual(h);
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
