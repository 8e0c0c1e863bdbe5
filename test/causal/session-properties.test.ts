/**
 * Properties of the session-guarantee check: on small random histories its verdicts equal the
 * definitions computed naively over every pair of ops; a serial execution keeps every guarantee; a
 * read made stale breaks the guarantee it should.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSessions } from '../../src/causal/index.js';
import { randomHistory, serialHistory } from './arbitraries.js';
import { bruteSessions } from './brute-sessions.js';

describe('session guarantee properties', () => {
  it('agree with the definitions on small histories', () => {
    fc.assert(
      fc.property(randomHistory(9, 3, ['x', 'y']), (h) => {
        const s = checkSessions(h);
        const want = bruteSessions(h);
        if (want === undefined) {
          for (const v of Object.values(s.status)) expect(v).not.toBe('holds');
          return;
        }
        for (const [g, holds] of Object.entries(want)) expect([g, s.status[g as keyof typeof s.status]]).toEqual([g, holds ? 'holds' : 'ruled-out']);
      }),
      { numRuns: 3000 },
    );
  });

  it('agree with the definitions on histories without reads from the future', () => {
    fc.assert(
      fc.property(randomHistory(10, 4, ['x', 'y', 'z'], true), (h) => {
        const s = checkSessions(h);
        const want = bruteSessions(h)!;
        for (const [g, holds] of Object.entries(want)) expect([g, s.status[g as keyof typeof s.status]]).toEqual([g, holds ? 'holds' : 'ruled-out']);
      }),
      { numRuns: 2000 },
    );
  });

  it('hold for a serial execution', () => {
    fc.assert(
      fc.property(serialHistory, (h) => {
        expect(Object.values(checkSessions(h).status)).toEqual(['holds', 'holds', 'holds', 'holds']);
      }),
    );
  });

  it('a read made to return the initial value after its process wrote or read the key breaks RYW or MR', () => {
    fc.assert(
      fc.property(serialHistory, fc.nat(), (h, seed) => {
        const before = (i: number, kind: 'read' | 'write') =>
          h.some((o, j) => j < i && o.process === h[i].process && o.key === h[i].key && o.kind === kind && o.value !== null);
        const stale = h.map((_, i) => i).filter((i) => h[i].kind === 'read' && (before(i, 'write') || before(i, 'read')));
        fc.pre(stale.length > 0);
        const i = stale[seed % stale.length];
        const s = checkSessions(h.map((o, j) => (j === i ? { ...o, value: null } : o))).status;
        expect(s['read-your-writes']).toBe(before(i, 'write') ? 'ruled-out' : 'holds');
        expect(s['monotonic-reads']).toBe(before(i, 'read') ? 'ruled-out' : 'holds');
      }),
    );
  });

  it('a read made to return its own process’s overwritten write breaks RYW', () => {
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
        const s = checkSessions(h.map((o, j) => (j === i ? { ...o, value: old } : o)));
        expect(s.status['read-your-writes']).toBe('ruled-out');
        const v = s.violations.find((x) => x.pattern === 'ryw-violation')!;
        expect(v.ops).toContain(i);
        expect(v.edges).toContainEqual({ from: old - 1, to: i, label: 'rf' });
      }),
    );
  });
});
