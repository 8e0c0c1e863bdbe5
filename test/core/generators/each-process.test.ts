import { describe, expect, it } from 'vitest';
import { eachProcess, fromArbitrary, limit, simulate } from '../../../src/core/generators/index.js';
import * as fc from 'fast-check';
import { rows } from './helpers.js';

describe('eachProcess', () => {
  it('runs an independent copy of the generator on every thread', () => {
    expect(rows(simulate(eachProcess([{ f: 'a' }, { f: 'b' }]), { concurrency: 2, latency: (op) => (op.process === 0 ? 10 : 25) }))).toEqual([
      [0, 0, 'invoke', 'a', null],
      [0, 1, 'invoke', 'a', null],
      [10, 0, 'ok', 'a', null],
      [10, 0, 'invoke', 'b', null],
      [20, 0, 'ok', 'b', null],
      [25, 1, 'ok', 'a', null],
      [25, 1, 'invoke', 'b', null],
      [50, 1, 'ok', 'b', null],
    ]);
  });

  it('is exhausted once no copy has an op left, without waiting for a busy thread\'s last op', () => {
    const g = [eachProcess({ f: 'a' }), { f: 'b' }];
    const h = simulate(g, { concurrency: 2, latency: (op) => (op.process === 1 ? 25 : 10) });
    expect(h.filter((o) => o.type === 'invoke').map((o) => [o.time, o.process, o.f])).toEqual([
      [0, 0, 'a'],
      [0, 1, 'a'],
      [10, 0, 'b'],
    ]);
  });

  it('continues a thread as its new process after an info', () => {
    const h = simulate(eachProcess([{ f: 'a' }, { f: 'b' }]), { concurrency: 2, complete: (op) => ({ type: op.f === 'a' ? 'info' : 'ok' }) });
    expect(h.filter((o) => o.type === 'invoke').map((o) => [o.process, o.f])).toEqual([[0, 'a'], [1, 'a'], [2, 'b'], [3, 'b']]);
  });

  it('gives each copy its own seed', () => {
    const h = simulate(eachProcess(limit(3, fromArbitrary(fc.integer({ min: 0, max: 1e6 }), 'w'))), { concurrency: 2, seed: 4 });
    const values = (p: number) => h.filter((o) => o.type === 'invoke' && o.process === p).map((o) => o.value);
    expect(values(0)).toHaveLength(3);
    expect(values(0)).not.toEqual(values(1));
  });
});
