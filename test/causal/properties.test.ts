/**
 * Properties of the causal check: on random histories its verdicts on CC, CCv and CM equal those of
 * the models' definitions (exhaustive search); CC implies every session guarantee; a serial execution
 * satisfies all three models; a read made stale is caught as the pattern it is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCausal, checkSessions } from '../../src/causal/index.js';
import { randomHistory, serialHistory } from './arbitraries.js';
import { bruteCausal } from './brute-force.js';

describe('causal check properties', () => {
  it('agrees with the definitions of CC, CCv and CM on small histories', () => {
    fc.assert(
      fc.property(randomHistory(7, 3, ['x', 'y']), (h) => {
        const r = checkCausal(h);
        expect({ cc: r.cc.holds, ccv: r.ccv.holds, cm: r.cm.holds }).toEqual(bruteCausal(h));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the definitions of CC and CM on larger histories without reads from the future', () => {
    fc.assert(
      fc.property(randomHistory(10, 4, ['x', 'y', 'z'], true), (h) => {
        const r = checkCausal(h);
        const want = bruteCausal(h, false);
        expect({ cc: r.cc.holds, cm: r.cm.holds }).toEqual({ cc: want.cc, cm: want.cm });
      }),
      { numRuns: 2000 },
    );
  });

  it('CC implies every session guarantee', () => {
    fc.assert(
      fc.property(randomHistory(10, 3, ['x', 'y'], true), (h) => {
        fc.pre(checkCausal(h).cc.holds);
        expect(Object.values(checkSessions(h).status)).toEqual(['holds', 'holds', 'holds', 'holds']);
      }),
      { numRuns: 2000 },
    );
  });

  it('a serial execution satisfies CC, CCv and CM', () => {
    fc.assert(
      fc.property(serialHistory, (h) => {
        const r = checkCausal(h);
        expect(r.violations).toEqual([]);
        expect([r.cc.holds, r.ccv.holds, r.cm.holds]).toEqual([true, true, true]);
      }),
    );
  });

  it('a read made to return the initial value after its process saw the key is a WriteCOInitRead', () => {
    fc.assert(
      fc.property(serialHistory, fc.nat(), (h, seed) => {
        const saw = (i: number) => h.some((o, j) => j < i && o.process === h[i].process && o.key === h[i].key && o.value !== null);
        const stale = h.map((_, i) => i).filter((i) => h[i].kind === 'read' && saw(i));
        fc.pre(stale.length > 0);
        const i = stale[seed % stale.length];
        const r = checkCausal(h.map((o, j) => (j === i ? { ...o, value: null } : o)));
        expect(r.cc.by).toEqual(['WriteCOInitRead']);
        expect(r.violations[0].ops).toContain(i);
      }),
    );
  });

  it('a read made to return its own process’s overwritten write is a WriteCORead', () => {
    fc.assert(
      fc.property(serialHistory, fc.nat(), (h, seed) => {
        const cases: [number, number][] = [];
        h.forEach((o, i) => {
          if (o.kind !== 'read') return;
          const own = h.filter((w, j) => j < i && w.process === o.process && w.key === o.key && w.kind === 'write');
          if (own.length >= 2) cases.push([i, own[0].value as number]);
        });
        fc.pre(cases.length > 0);
        const [i, old] = cases[seed % cases.length];
        const r = checkCausal(h.map((o, j) => (j === i ? { ...o, value: old } : o)));
        expect(r.cc.by).toEqual(['WriteCORead']);
        expect(r.violations[0].roles).toMatchObject({ returned: old - 1, read: i });
      }),
    );
  });
});
