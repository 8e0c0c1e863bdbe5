import { describe, expect, it } from 'vitest';
import { PENDING } from '../../../src/core/generator.js';
import { gen, simulate } from '../../../src/core/generators/index.js';
import { context, rows } from './helpers.js';

const test = { concurrency: 2, nodes: [] };

describe('lifting values into generators', () => {
  it('a template emits itself once, to the first free thread', () => {
    const g = gen({ f: 'write', value: 3, key: 'k' });
    expect(g.op(test, context([0, 1], [0], 5))).toMatchObject({ op: { type: 'invoke', process: 1, time: 5, f: 'write', value: 3, key: 'k' } });
    expect(g.op(test, context([0, 1], [0, 1]))?.op).toBe(PENDING);
    const step = g.op(test, context([0, 1]))!;
    expect(step.gen.op(test, context([0, 1]))).toBeNull();
  });

  it('a function is called for each op (it must be pure: an op may be asked for again) until it returns null', () => {
    const history = simulate(gen((_test, ctx) => (ctx.time < 20 ? { f: 'w', value: ctx.time } : null)), { concurrency: 2 });
    expect(rows(history)).toEqual([
      [0, 0, 'invoke', 'w', 0],
      [0, 1, 'invoke', 'w', 0],
      [10, 0, 'ok', 'w', 0],
      [10, 1, 'ok', 'w', 0],
      [10, 0, 'invoke', 'w', 10],
      [10, 1, 'invoke', 'w', 10],
      [20, 0, 'ok', 'w', 10],
      [20, 1, 'ok', 'w', 10],
    ]);
  });

  it('an array runs its elements in order, without a barrier', () => {
    const history = simulate([{ f: 'a' }, { f: 'b' }, { f: 'c' }], { concurrency: 2, latency: (op) => (op.f === 'a' ? 100 : 10) });
    expect(rows(history)).toEqual([
      [0, 0, 'invoke', 'a', null],
      [0, 1, 'invoke', 'b', null],
      [10, 1, 'ok', 'b', null],
      [10, 1, 'invoke', 'c', null],
      [20, 1, 'ok', 'c', null],
      [100, 0, 'ok', 'a', null],
    ]);
  });

  it('rejects anything else with a message naming gen', () => {
    expect(() => gen(42 as never)).toThrow('gen: expected a generator, an op template {f, value, key}, a function or an array, got 42');
  });
});
