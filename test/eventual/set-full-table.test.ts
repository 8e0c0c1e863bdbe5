/**
 * set-full on literal histories: for every finding one history that has it and a near miss (one read
 * changed) that has no anomaly at all.
 */
import { describe, expect, it } from 'vitest';
import { checkSetFull } from '../../src/eventual/index.js';
import { History } from './support/history.js';

const kinds = (h: History): string[] => [...new Set(checkSetFull(h.ops, { maxAnomalies: 10 }).anomalies.map((a) => a.kind))].sort();

interface Row {
  name: string;
  kinds: string[];
  has: History;
  hasNot: History;
}

const rows: Row[] = [
  {
    name: 'lost: held by a read, missing from every read after',
    kinds: ['lost'],
    has: new History().add(0, 1).read(1, [1]).read(2, []),
    hasNot: new History().add(0, 1).read(1, [1]).read(2, [1]),
  },
  {
    name: 'lost: a read of null (a set never added to reads as nothing) is the empty set',
    kinds: ['lost'],
    has: new History().read(1, null).add(0, 1).read(1, null),
    hasNot: new History().read(1, null).add(0, 1).read(1, [1]),
  },
  {
    name: 'lost: acknowledged and never held by any read begun after',
    kinds: ['lost'],
    has: new History().add(0, 1).read(1, []),
    hasNot: new History().add(0, 1).read(1, [1]),
  },
  {
    name: 'lost: missing from one replica’s final read, though another replica’s later read holds it',
    kinds: ['lost'],
    has: new History().add(0, 1, { node: 'n1' }).nemesis().read(1, [], { node: 'n2' }).read(0, [1], { node: 'n1' }),
    hasNot: new History().add(0, 1, { node: 'n1' }).nemesis().read(1, [1], { node: 'n2' }).read(0, [1], { node: 'n1' }),
  },
  {
    name: 'stale: missing from a read begun after the add completed, held by every read after',
    kinds: ['stale'],
    has: new History().add(0, 1).read(1, []).read(2, [1]),
    hasNot: new History().add(0, 1).read(1, [1]).read(2, [1]),
  },
  {
    name: 'stale: missing from a read begun after another read completed holding it (an info add)',
    kinds: ['stale'],
    has: new History().add(0, 1, { type: 'info' }).read(1, [1]).read(2, []).read(2, [1]),
    hasNot: new History().add(0, 1, { type: 'info' }).read(1, [1]).read(2, [1]).read(2, [1]),
  },
  {
    name: 'duplicated: one read holds an element twice',
    kinds: ['duplicated'],
    has: new History().add(0, 1).read(1, [1, 1]),
    hasNot: new History().add(0, 1).read(1, [1]),
  },
  {
    name: 'unexpected: an element no add attempted',
    kinds: ['unexpected'],
    has: new History().add(0, 1).read(1, [1, 7]),
    hasNot: new History().add(0, 1).read(1, [1]),
  },
  {
    name: 'unexpected: an element whose add failed',
    kinds: ['unexpected'],
    has: new History().add(0, 1, { type: 'fail' }).read(1, [1]),
    hasNot: new History().add(0, 1, { type: 'fail' }).read(1, []),
  },
  {
    name: 'unexpected: an element read before its add began',
    kinds: ['unexpected'],
    has: new History().read(1, [1]).add(0, 1).read(1, [1]),
    hasNot: new History().read(1, []).add(0, 1).read(1, [1]),
  },
  {
    name: 'read-your-writes: a process misses its own acknowledged add',
    kinds: ['ryw-violation', 'stale'],
    has: new History().add(0, 1).read(0, []).read(1, [1]),
    hasNot: new History().add(0, 1).read(0, [1]).read(1, [1]),
  },
  {
    name: 'monotonic reads: a process misses what its previous read held',
    kinds: ['mr-violation', 'stale'],
    has: new History().add(0, 1).read(1, [1]).read(1, []).read(2, [1]),
    hasNot: new History().add(0, 1).read(1, [1]).read(1, [1]).read(2, [1]),
  },
  {
    name: 'an add of unknown outcome may appear or not, and may appear late (nothing was acknowledged)',
    kinds: ['lost'],
    has: new History().add(0, 1, { type: 'info' }).read(1, [1]).read(2, []),
    hasNot: new History().add(0, 1, { type: 'info' }).read(1, []).read(2, []).read(1, [1]),
  },
];

describe('set-full: literal histories', () => {
  for (const row of rows) {
    it(`${row.name}: found`, () => expect(kinds(row.has)).toEqual(row.kinds));
    it(`${row.name}: near miss has no anomaly`, () => expect(kinds(row.hasNot)).toEqual([]));
  }

  it('never-read: an element acknowledged after the last read began is counted, not an anomaly, and leaves eventual unknown', () => {
    const r = checkSetFull(new History().read(1, []).add(0, 1).ops, { maxAnomalies: 10 });
    expect(r.anomalies).toEqual([]);
    expect(r.stats).toMatchObject({ neverRead: 1, neverReadElements: [1], acknowledged: 1 });
    expect(r.rulings.eventual.status).toBe('unknown');
  });

  it('stale: reports how long the element took to become visible, and the distribution over elements', () => {
    // add 1 completes at 2 ms; reads begin at 3 ms (lacks it) and 5 ms (holds it); add 2 is read at once.
    const h = new History().add(0, 1).read(1, []).read(1, [1]).add(0, 2).read(2, [1, 2]);
    const r = checkSetFull(h.ops, { maxAnomalies: 10 });
    const stale = r.anomalies.find((a) => a.kind === 'stale')!;
    expect(stale.detail).toEqual({ element: 1, latencyMs: 1 });
    expect(stale.ops).toEqual([0, 2]);
    expect(r.stats).toMatchObject({ stable: 2, stale: 1, visibilityMs: { min: 0, p50: 1, max: 1 } });
  });

  it('lost: names the add, the last read holding the element and the read missing it', () => {
    const h = new History().add(0, 1).read(1, [1]).read(2, []);
    const lost = checkSetFull(h.ops, { maxAnomalies: 10 }).anomalies[0]!;
    expect(lost.ops).toEqual([0, 2, 4]);
    expect(lost.explanation).toContain('last held by op 2');
    expect(lost.key).toBe('s');
  });

  it('an unexpected element read twice in one read is one unexpected and one duplicated, as for an expected one', () => {
    // 3 is never added; a failed add's element (4) is unexpected too, and has an id: both paths.
    for (const h of [new History().add(0, 2).read(1, [2, 3, 3]), new History().add(0, 2).add(0, 4, { type: 'fail' }).read(1, [2, 4, 4])]) {
      const r = checkSetFull(h.ops, { maxAnomalies: 10 });
      expect(r.anomalies.map((a) => a.kind).sort()).toEqual(['duplicated', 'unexpected']);
      expect(r.stats).toMatchObject({ unexpected: 1, duplicated: 1 });
    }
    // Three copies: still one unexpected, two duplicates; a second read holding it is another unexpected.
    const r = checkSetFull(new History().add(0, 2).read(1, [2, 3, 3, 3]).read(1, [2, 3]).ops, { maxAnomalies: 10 });
    expect(r.stats).toMatchObject({ unexpected: 2, duplicated: 2 });
  });

  it('keys are separate sets: an element of one key read in another is unexpected there', () => {
    const h = new History().add(0, 1, { key: 'a' }).read(1, [1], { key: 'a' }).read(1, [1], { key: 'b' });
    expect(checkSetFull(h.ops, { maxAnomalies: 10 }).anomalies.map((a) => [a.kind, a.key])).toEqual([['unexpected', 'b']]);
  });
});
