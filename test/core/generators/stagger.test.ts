import { describe, expect, it } from 'vitest';
import { delay, limit, rate, repeat, simulate, stagger } from '../../../src/core/generators/index.js';
import { invokes } from './helpers.js';

const times = (h: ReturnType<typeof simulate>) => invokes(h).map((r) => r[0] as number);

describe('stagger, rate and delay', () => {
  it('stagger spaces ops over all threads at random intervals below 2·mean, reproducibly', () => {
    const g = limit(200, stagger(1e-6, repeat({ f: 'r' })));
    const h = simulate(g, { concurrency: 2, seed: 1 });
    const t = times(h);
    expect(t).toHaveLength(200);
    expect(t[0]).toBe(0);
    const gaps = t.slice(1).map((x, i) => x - t[i]!);
    for (const gap of gaps) expect(gap >= 0 && gap < 2000, `gap ${gap} ns`).toBe(true);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeGreaterThan(850); // uniform on [0, 2000): mean 1000, ±41 for 199 gaps
    expect(mean).toBeLessThan(1150);
    expect(new Set(gaps).size).toBeGreaterThan(100);
    expect(simulate(g, { concurrency: 2, seed: 1 })).toEqual(h);
    expect(times(simulate(g, { concurrency: 2, seed: 2 }))).not.toEqual(t);
  });

  it('an explicit seed overrides the run seed', () => {
    const g = limit(4, stagger(1e-6, repeat({ f: 'r' }), { seed: 99 }));
    expect(times(simulate(g, { concurrency: 1, seed: 1 }))).toEqual(times(simulate(g, { concurrency: 1, seed: 2 })));
  });

  it('rate(r) averages about r ops per second over all threads', () => {
    const h = simulate(limit(2000, rate(1000, repeat({ f: 'r' }))), { concurrency: 4, seed: 3 });
    const t = times(h);
    const perSecond = (t.length - 1) / ((t.at(-1)! - t[0]!) / 1e9);
    expect(perSecond).toBeGreaterThan(900);
    expect(perSecond).toBeLessThan(1100);
  });

  it('delay emits exactly dt apart and catches up when it falls behind', () => {
    expect(invokes(simulate(limit(4, delay(1e-6, repeat({ f: 'r' }))), { concurrency: 2, latency: 5000 }))).toEqual([
      [0, 0, 'r', null],
      [1000, 1, 'r', null],
      [5000, 0, 'r', null],
      [6000, 1, 'r', null],
    ]);
  });

  it('validates on entry', () => {
    expect(() => stagger(-1, { f: 'r' })).toThrow('stagger: mean must be a positive number of seconds, got -1');
    expect(() => rate(0, { f: 'r' })).toThrow('rate: ops per second must be a positive number, got 0');
    expect(() => delay(Number.NaN, { f: 'r' })).toThrow('delay: dt must be a positive number of seconds, got NaN');
  });
});
