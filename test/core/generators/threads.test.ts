import { describe, expect, it } from 'vitest';
import type { Generator } from '../../../src/core/generator.js';
import type { Op } from '../../../src/core/op.js';
import { limit, onClients, onNemesis, onThreads, phases, repeat, simulate } from '../../../src/core/generators/index.js';
import { context, rows } from './helpers.js';

describe('onThreads, onClients, onNemesis', () => {
  it('onNemesis sends ops to the nemesis only, onClients to clients only', () => {
    const g = [onNemesis({ f: 'kill' }), onClients(limit(2, repeat({ f: 'r' })))];
    expect(rows(simulate(g, { concurrency: 1, nemesis: true }))).toEqual([
      [0, 'nemesis', 'invoke', 'kill', null],
      [0, 0, 'invoke', 'r', null],
      [10, 'nemesis', 'ok', 'kill', null],
      [10, 0, 'ok', 'r', null],
      [10, 0, 'invoke', 'r', null],
      [20, 0, 'ok', 'r', null],
    ]);
  });

  it('onThreads restricts to a list of threads', () => {
    const h = simulate(onThreads([1, 2], limit(4, repeat({ f: 'r' }))), { concurrency: 3 });
    expect(h.filter((o) => o.type === 'invoke').map((o) => [o.time, o.process])).toEqual([[0, 1], [0, 2], [10, 1], [10, 2]]);
  });

  it('a restriction to no thread at all is exhausted', () => {
    expect(simulate([onNemesis(repeat({ f: 'kill' })), { f: 'r' }], { concurrency: 1 })).toHaveLength(2);
  });

  it('only events of its own threads reach the restricted generator', () => {
    const counter = (n: number): Generator => ({
      op: (_t, ctx) => ({ op: { type: 'invoke', process: 0, time: ctx.time, f: 'seen', value: n }, gen: counter(n) }),
      update: () => counter(n + 1),
    });
    const test = { concurrency: 2, nodes: [] };
    const ctx = context([0, 1]);
    const event = (process: number): Op => ({ index: 0, time: 0, process, type: 'invoke', f: 'x', value: null });
    const g = onThreads([0], counter(0)).update(test, ctx, event(1)).update(test, ctx, event(0)).update(test, ctx, event(0));
    expect(g.op(test, ctx)?.op).toMatchObject({ value: 2 });
  });

  it('a barrier inside onThreads waits for its own threads only', () => {
    const g = [onThreads([1], { f: 'slow' }), onThreads([0], phases({ f: 'a' }, { f: 'b' }))];
    const h = simulate(g, { concurrency: 2, latency: (op) => (op.f === 'slow' ? 1000 : 10) });
    expect(h.filter((o) => o.type === 'invoke').map((o) => [o.time, o.process, o.f])).toEqual([[0, 1, 'slow'], [0, 0, 'a'], [10, 0, 'b']]);
  });

  it('validates the selector', () => {
    expect(() => onThreads(3 as never, { f: 'r' })).toThrow('onThreads: expected a predicate or a list of threads, got 3');
  });
});
