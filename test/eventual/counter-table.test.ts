/**
 * The counter checker on literal histories: for every finding one history that has it and a near miss
 * that has none; the bounds each bad read is reported with.
 */
import { describe, expect, it } from 'vitest';
import { checkCounter } from '../../src/eventual/index.js';
import { History } from './support/history.js';

const check = (h: History) => checkCounter(h.ops, { maxAnomalies: 10 });
const kinds = (h: History): string[] => [...new Set(check(h).anomalies.map((a) => a.kind))].sort();
const incr = (h: History, p: number, d: number, o: { type?: 'ok' | 'fail' | 'info'; node?: string } = {}) => h.op(p, 'incr', d, o);

describe('counter: literal histories', () => {
  it('a read below the increments acknowledged before it began: counter-read-low, with its bounds', () => {
    const h = incr(incr(new History(), 0, 2), 0, 3).read(1, 4);
    const r = check(h);
    expect(r.anomalies.map((a) => [a.kind, a.detail])).toEqual([
      ['counter-read-low', { value: 4, low: 5, high: 5 }],
      ['final-read-wrong', { value: 4, low: 5, high: 5 }],
    ]);
    expect(r.rulings.linearizable).toEqual({ status: 'ruled-out', by: ['counter-read-low'] });
    expect(kinds(incr(incr(new History(), 0, 2), 0, 3).read(1, 5))).toEqual([]);
  });

  it('a counter never incremented may read as null, which is 0: fine before any increment, low after one', () => {
    expect(kinds(incr(new History().read(1, null), 0, 2).read(1, 2))).toEqual([]);
    expect(kinds(incr(new History(), 0, 2).read(1, null))).toEqual(['counter-read-low', 'final-read-wrong']);
  });

  it('a read above every increment invoked before it completed: counter-read-high', () => {
    const has = new History().read(1, 1);
    incr(has, 0, 1).read(1, 1);
    expect(check(has).anomalies.map((a) => [a.kind, a.detail])).toEqual([['counter-read-high', { value: 1, low: 0, high: 0 }]]);
    const hasNot = new History().read(1, 0);
    incr(hasNot, 0, 1).read(1, 1);
    expect(kinds(hasNot)).toEqual([]);
  });

  it('an increment concurrent with a read may or may not be in it', () => {
    for (const seen of [0, 3]) {
      const h = new History().invoke(0, 'incr', 3).read(1, seen).complete(0).read(1, 3);
      expect(kinds(h)).toEqual([]);
    }
  });

  it('increments of unknown outcome count towards the upper bound only; failed ones not at all', () => {
    const base = () => incr(incr(incr(new History(), 0, 1), 1, 2, { type: 'info' }), 2, 4, { type: 'fail' });
    expect(kinds(base().read(3, 3))).toEqual([]);
    expect(kinds(base().read(3, 1))).toEqual([]);
    expect(kinds(base().read(3, 4))).toContain('counter-read-high');
    expect(kinds(base().read(3, 0))).toContain('counter-read-low');
  });

  it('a final read within bounds that no subset of the unknown increments explains: final-read-wrong', () => {
    // Acknowledged 1; unknown 2 and 3: the final count can be 1, 3, 4 or 6, not 2 or 5.
    const base = () => incr(incr(incr(new History(), 0, 1), 1, 2, { type: 'info' }), 2, 3, { type: 'info' }).nemesis();
    for (const ok of [1, 3, 4, 6]) expect(kinds(base().read(3, ok)), `final ${ok}`).toEqual([]);
    for (const bad of [2, 5]) {
      const r = check(base().read(3, bad));
      expect(r.anomalies.map((a) => a.kind), `final ${bad}`).toEqual(['final-read-wrong']);
      expect(r.anomalies[0]!.explanation).toContain('any subset of the 2 increments whose outcome is unknown');
      expect(r.rulings.eventual).toEqual({ status: 'ruled-out', by: ['final-read-wrong'] });
      expect(r.rulings.linearizable.status).toBe('unknown');
    }
  });

  it('every node’s final read is judged, not only the last one', () => {
    const base = () => incr(new History(), 0, 1, { node: 'n1' }).nemesis();
    expect(kinds(base().read(1, 0, { node: 'n2' }).read(0, 1, { node: 'n1' }))).toEqual(['counter-read-low', 'final-read-wrong']);
    expect(kinds(base().read(1, 1, { node: 'n2' }).read(0, 1, { node: 'n1' }))).toEqual([]);
  });

  it('eventual holds when every key has an exact final read; unknown without one', () => {
    const h = incr(new History(), 0, 1).read(1, 1);
    expect(check(h).rulings.eventual.status).toBe('holds');
    const noFinal = new History().read(1, 0);
    incr(noFinal, 0, 1);
    expect(check(noFinal).rulings.eventual.status).toBe('unknown');
    expect(check(noFinal).stats.keysWithoutFinal).toBe(1);
  });
});
