import { describe, expect, it } from 'vitest';
import { limit, once, repeat, simulate } from '../../../src/core/generators/index.js';
import { rows } from './helpers.js';

describe('limit and once', () => {
  it('limit(n) emits exactly n ops of an endless generator', () => {
    expect(rows(simulate(limit(3, repeat({ f: 'r' })), { concurrency: 2 }))).toEqual([
      [0, 0, 'invoke', 'r', null],
      [0, 1, 'invoke', 'r', null],
      [10, 0, 'ok', 'r', null],
      [10, 1, 'ok', 'r', null],
      [10, 0, 'invoke', 'r', null],
      [20, 0, 'ok', 'r', null],
    ]);
  });

  it('limit(0) emits nothing; limit of a shorter generator ends with it', () => {
    expect(simulate(limit(0, repeat({ f: 'r' })), { concurrency: 2 })).toEqual([]);
    expect(simulate(limit(5, [{ f: 'a' }]), { concurrency: 1 })).toHaveLength(2);
  });

  it('once emits the first op only', () => {
    expect(rows(simulate(once(repeat({ f: 'r', value: 1 })), { concurrency: 3 }))).toEqual([
      [0, 0, 'invoke', 'r', 1],
      [10, 0, 'ok', 'r', 1],
    ]);
  });

  it('validates n', () => {
    expect(() => limit(-1, { f: 'r' })).toThrow('limit: n must be an integer >= 0, got -1');
    expect(() => limit(1.5, { f: 'r' })).toThrow('limit: n must be an integer >= 0, got 1.5');
  });
});
