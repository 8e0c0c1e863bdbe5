/**
 * The convergence checker on literal histories: final reads that disagree, and near misses that agree
 * (sets compared as sets); bounds on when the nodes agreed; keys it cannot decide.
 */
import { describe, expect, it } from 'vitest';
import { checkConvergence } from '../../src/eventual/index.js';
import { History } from './support/history.js';

const check = (h: History) => checkConvergence(h.ops, { maxAnomalies: 10 });

/** Adds 1 and 2 on n1, heals, then one round of reads: n1 and n2 return `a` and `b`. */
const round = (a: unknown, b: unknown) =>
  new History().add(0, 1, { node: 'n1' }).add(0, 2, { node: 'n1' }).nemesis().read(0, a, { node: 'n1' }).read(1, b, { node: 'n2' });

describe('convergence: literal histories', () => {
  it('sets: final reads that hold different elements diverge; the same elements in another order agree', () => {
    const bad = check(round([1, 2], [1]));
    expect(bad.anomalies.map((a) => [a.kind, a.key, a.ops])).toEqual([['divergent', 's', [6, 8]]]);
    expect(bad.anomalies[0]!.explanation).toContain('1 element (2) on n1 but not n2');
    expect(bad.rulings.eventual).toEqual({ status: 'ruled-out', by: ['divergent'] });
    const good = check(round([1, 2], [2, 1]));
    expect(good.anomalies).toEqual([]);
    expect(good.rulings.eventual.status).toBe('holds');
  });

  it('counters and registers: final values that differ diverge', () => {
    const counter = (a: number, b: number) => new History().op(0, 'incr', 2, { node: 'n1' }).read(0, a, { node: 'n1' }).read(1, b, { node: 'n2' });
    expect(check(counter(2, 1)).anomalies.map((a) => a.kind)).toEqual(['divergent']);
    expect(check(counter(2, 2)).anomalies).toEqual([]);
    const register = (a: unknown, b: unknown) => new History().op(0, 'write', 'x', { node: 'n1' }).read(0, a, { node: 'n1' }).read(1, b, { node: 'n2' });
    expect(check(register('x', null)).anomalies.map((a) => a.kind)).toEqual(['divergent']);
    expect(check(register('x', 'x')).anomalies).toEqual([]);
  });

  it('only each node’s last read counts: a lagging first round followed by an agreeing one converges', () => {
    const h = round([1, 2], [1]).read(0, [1, 2], { node: 'n1' }).read(1, [1, 2], { node: 'n2' });
    const r = check(h);
    expect(r.anomalies).toEqual([]);
    // Heal completes at 6 ms; the agreeing round's reads complete at 12 and 14 ms: agreed by 8 ms
    // (an upper bound); n2's lagging read began at 9 ms, so not before 3 ms (a lower bound).
    expect(r.stats.agreedByUpperBoundMs).toEqual({ min: 8, p50: 8, p95: 8, p99: 8, max: 8 });
    expect(r.stats.agreedByLowerBoundMs).toEqual({ min: 3, p50: 3, p95: 3, p99: 3, max: 3 });
    expect(r.stats).not.toHaveProperty('convergenceMs');
  });

  it('a read begun before the heal is not a final read', () => {
    const h = new History().add(0, 1, { node: 'n1' }).read(1, [], { node: 'n2' }).nemesis().read(0, [1], { node: 'n1' });
    const r = check(h);
    expect(r.anomalies).toEqual([]);
    expect(r.rulings.eventual.status).toBe('unknown');
    expect(r.stats.undecidedKeys).toEqual({ s: 'no final read from n2' });
    expect(check(h.read(1, [1], { node: 'n2' })).rulings.eventual.status).toBe('holds');
  });

  it('a key with no read after it went quiet is undecided', () => {
    const r = check(new History().read(0, [], { node: 'n1' }).add(0, 1, { node: 'n1' }));
    expect(r.rulings.eventual.status).toBe('unknown');
    expect(r.stats.undecidedKeys).toEqual({ s: 'no read began after the key went quiet' });
  });
});
