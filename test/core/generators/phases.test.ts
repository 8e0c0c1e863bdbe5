import { describe, expect, it } from 'vitest';
import { andThen, limit, onClients, onNemesis, phases, repeat, simulate, sleep, synchronize } from '../../../src/core/generators/index.js';
import { rows } from './helpers.js';

const latency = (op: { f: string; process: unknown }) => (op.f === 'a' && op.process === 0 ? 100 : 10);

describe('phases, andThen and synchronize', () => {
  it('phases waits for every op in flight before the next phase', () => {
    expect(rows(simulate(phases([{ f: 'a' }, { f: 'a' }], { f: 'b' }, { f: 'c' }), { concurrency: 2, latency }))).toEqual([
      [0, 0, 'invoke', 'a', null],
      [0, 1, 'invoke', 'a', null],
      [10, 1, 'ok', 'a', null],
      [100, 0, 'ok', 'a', null],
      [100, 0, 'invoke', 'b', null],
      [110, 0, 'ok', 'b', null],
      [110, 0, 'invoke', 'c', null],
      [120, 0, 'ok', 'c', null],
    ]);
  });

  it('without the barrier the second generator starts on the free thread', () => {
    expect(rows(simulate([[{ f: 'a' }, { f: 'a' }], { f: 'b' }], { concurrency: 2, latency })).slice(0, 4)).toEqual([
      [0, 0, 'invoke', 'a', null],
      [0, 1, 'invoke', 'a', null],
      [10, 1, 'ok', 'a', null],
      [10, 1, 'invoke', 'b', null],
    ]);
  });

  it('andThen(a, b) is a, a barrier, then b', () => {
    const h = simulate(andThen(limit(3, repeat({ f: 'a' })), { f: 'b' }), { concurrency: 2, latency });
    const firstB = h.findIndex((o) => o.f === 'b');
    expect(h.slice(0, firstB).filter((o) => o.type === 'invoke')).toHaveLength(3);
    expect(h.slice(0, firstB).filter((o) => o.type === 'ok')).toHaveLength(3);
  });

  it('a barrier inside onClients ignores the nemesis thread', () => {
    const napping = onNemesis(sleep(1));
    expect(rows(simulate([napping, onClients(synchronize({ f: 'r' }))], { concurrency: 1, nemesis: true }))).toEqual([
      [0, 0, 'invoke', 'r', null],
      [10, 0, 'ok', 'r', null],
    ]);
    expect(rows(simulate([napping, synchronize({ f: 'r' })], { concurrency: 1, nemesis: true }))).toEqual([
      [1e9, 0, 'invoke', 'r', null],
      [1e9 + 10, 0, 'ok', 'r', null],
    ]);
  });
});
