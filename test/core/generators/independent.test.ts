import { describe, expect, it } from 'vitest';
import { independentKeys, onClients, repeat, simulate } from '../../../src/core/generators/index.js';
import { invokes } from './helpers.js';

describe('independentKeys', () => {
  it('groups of threads work on one key each, then take the next key', () => {
    const g = independentKeys({ threadsPerKey: 2, keys: ['x', 'y', 'z'], perKey: () => repeat({ f: 'r' }), opsPerKey: 2 });
    expect(invokes(simulate(g, { concurrency: 4 }))).toEqual([
      [0, 0, 'r', null, 'x'],
      [0, 1, 'r', null, 'x'],
      [0, 2, 'r', null, 'y'],
      [0, 3, 'r', null, 'y'],
      [10, 0, 'r', null, 'z'],
      [10, 1, 'r', null, 'z'],
    ]);
  });

  it('draws keys from a function and builds each key its own generator', () => {
    const g = independentKeys({ threadsPerKey: 1, keys: (i) => (i < 3 ? i * 10 : null), perKey: (k) => [{ f: 'w', value: `v${k}` }, { f: 'r' }] });
    expect(invokes(simulate(g, { concurrency: 2, latency: (op) => (op.process === 0 ? 10 : 30) }))).toEqual([
      [0, 0, 'w', 'v0', '0'],
      [0, 1, 'w', 'v10', '10'],
      [10, 0, 'r', null, '0'],
      [20, 0, 'w', 'v20', '20'],
      [30, 0, 'r', null, '20'],
      [30, 1, 'r', null, '10'],
    ]);
  });

  it('deals the keys round-robin, so a fast group never takes a slow group\'s keys', () => {
    const g = independentKeys({ threadsPerKey: 1, keys: ['a', 'b', 'c', 'd', 'e', 'f'], perKey: () => ({ f: 'r' }) });
    const h = simulate(g, { concurrency: 2, latency: (op) => (op.process === 0 ? 10 : 100) });
    const keysOf = (p: number) => invokes(h).filter((r) => r[1] === p).map((r) => r[4]);
    expect(keysOf(0)).toEqual(['a', 'c', 'e']);
    expect(keysOf(1)).toEqual(['b', 'd', 'f']);
  });

  it('uses client threads only', () => {
    const g = onClients(independentKeys({ threadsPerKey: 1, keys: ['a', 'b'], perKey: () => ({ f: 'r' }) }));
    const h = simulate(g, { concurrency: 1, nemesis: true });
    expect(invokes(h).map((r) => [r[1], r[4]])).toEqual([[0, 'a'], [0, 'b']]);
  });

  it('validates', () => {
    expect(() => independentKeys({ threadsPerKey: 0, keys: [], perKey: () => ({ f: 'r' }) })).toThrow('independentKeys: threadsPerKey must be an integer >= 1, got 0');
    const g = independentKeys({ threadsPerKey: 2, keys: ['a'], perKey: () => ({ f: 'r' }) });
    expect(() => simulate(g, { concurrency: 3 })).toThrow('independentKeys: 3 client threads is not a multiple of threadsPerKey 2');
  });
});
