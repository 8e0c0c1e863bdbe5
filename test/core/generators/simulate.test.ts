import { describe, expect, it } from 'vitest';
import { limit, repeat, simulate } from '../../../src/core/generators/index.js';
import { rows } from './helpers.js';

describe('simulate', () => {
  it('moves a thread to process + concurrency after an info, keeping the nemesis id', () => {
    const h = simulate(limit(4, repeat({ f: 'r' })), { concurrency: 2, complete: (op) => ({ type: op.process === 0 ? 'info' : 'ok', error: op.process === 0 ? 'timeout' : undefined }) });
    expect(rows(h)).toEqual([
      [0, 0, 'invoke', 'r', null],
      [0, 1, 'invoke', 'r', null],
      [10, 0, 'info', 'r', null],
      [10, 1, 'ok', 'r', null],
      [10, 2, 'invoke', 'r', null],
      [10, 1, 'invoke', 'r', null],
      [20, 2, 'ok', 'r', null],
      [20, 1, 'ok', 'r', null],
    ]);
    expect(h[2]!.error).toBe('timeout');
  });

  it('takes completion values, else the invoke value; latency may depend on the op', () => {
    const h = simulate([{ f: 'read' }, { f: 'write', value: 3 }], { concurrency: 1, latency: (op) => (op.f === 'read' ? 5 : 7), complete: (op) => (op.f === 'read' ? { type: 'ok', value: 9 } : { type: 'fail' }) });
    expect(rows(h)).toEqual([
      [0, 0, 'invoke', 'read', null],
      [5, 0, 'ok', 'read', 9],
      [5, 0, 'invoke', 'write', 3],
      [12, 0, 'fail', 'write', 3],
    ]);
  });

  it('stops generating after maxOps invokes and completes those in flight', () => {
    const h = simulate(repeat({ f: 'r' }), { concurrency: 3, maxOps: 4 });
    expect(h.filter((o) => o.type === 'invoke')).toHaveLength(4);
    expect(h.filter((o) => o.type === 'ok')).toHaveLength(4);
    expect(h.map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('validates', () => {
    expect(() => simulate({ f: 'r' }, { concurrency: 0 })).toThrow('simulate: concurrency must be an integer >= 1, got 0');
    expect(() => simulate({ f: 'r' }, { concurrency: 1, latency: -5 })).toThrow('simulate: latency must be a non-negative number, got -5');
  });
});
