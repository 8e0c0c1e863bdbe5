import { describe, expect, it } from 'vitest';
import { cycle, limit, repeat, simulate } from '../../../src/core/generators/index.js';
import { invokes } from './helpers.js';

describe('repeat and cycle', () => {
  it('repeat re-emits the first op, on whichever thread is free', () => {
    expect(invokes(simulate(limit(4, repeat([{ f: 'a' }, { f: 'b' }])), { concurrency: 2 }))).toEqual([
      [0, 0, 'a', null],
      [0, 1, 'a', null],
      [10, 0, 'a', null],
      [10, 1, 'a', null],
    ]);
  });

  it('repeat(times) stops after times ops', () => {
    expect(invokes(simulate(repeat(3, { f: 'a' }), { concurrency: 1 }))).toEqual([
      [0, 0, 'a', null],
      [10, 0, 'a', null],
      [20, 0, 'a', null],
    ]);
  });

  it('cycle restarts an exhausted generator from the beginning', () => {
    expect(invokes(simulate(cycle(2, [{ f: 'a' }, { f: 'b' }, { f: 'c' }]), { concurrency: 1 }))).toEqual([
      [0, 0, 'a', null],
      [10, 0, 'b', null],
      [20, 0, 'c', null],
      [30, 0, 'a', null],
      [40, 0, 'b', null],
      [50, 0, 'c', null],
    ]);
    expect(invokes(simulate(limit(4, cycle([{ f: 'a' }, { f: 'b' }])), { concurrency: 1 })).map((r) => r[2])).toEqual(['a', 'b', 'a', 'b']);
  });

  it('cycle of an empty generator ends at once', () => {
    expect(simulate(cycle([]), { concurrency: 1 })).toEqual([]);
  });

  it('validates times', () => {
    expect(() => repeat(-2, { f: 'a' })).toThrow('repeat: times must be an integer >= 0, got -2');
    expect(() => cycle(0.5, { f: 'a' })).toThrow('cycle: times must be an integer >= 0, got 0.5');
  });
});
