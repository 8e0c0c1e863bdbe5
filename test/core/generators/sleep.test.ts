import { describe, expect, it } from 'vitest';
import { log, phases, simulate, sleep } from '../../../src/core/generators/index.js';
import { context, rows } from './helpers.js';

describe('sleep and log', () => {
  it('sleep holds one thread for its duration and writes nothing', () => {
    expect(rows(simulate([sleep(1e-6), { f: 'a' }, { f: 'b' }], { concurrency: 2 }))).toEqual([
      [0, 1, 'invoke', 'a', null],
      [10, 1, 'ok', 'a', null],
      [10, 1, 'invoke', 'b', null],
      [20, 1, 'ok', 'b', null],
    ]);
  });

  it('with phases, a sleep pauses the whole test', () => {
    expect(rows(simulate(phases({ f: 'a' }, sleep(2e-6), { f: 'b' }), { concurrency: 2 }))).toEqual([
      [0, 0, 'invoke', 'a', null],
      [10, 0, 'ok', 'a', null],
      [2010, 0, 'invoke', 'b', null],
      [2020, 0, 'ok', 'b', null],
    ]);
  });

  it('emit special ops', () => {
    const t = { concurrency: 1, nodes: [] };
    expect(sleep(3).op(t, context([0]))?.op).toEqual({ type: 'sleep', process: 0, time: 0, f: 'sleep', value: 3 });
    expect(log('hello').op(t, context([0]))?.op).toEqual({ type: 'log', process: 0, time: 0, f: 'log', value: 'hello' });
    expect(simulate(log('x'), { concurrency: 1 })).toEqual([]);
  });

  it('validates', () => {
    expect(() => sleep(-1)).toThrow('sleep: duration must be a non-negative number of seconds, got -1');
  });
});
