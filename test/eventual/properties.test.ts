/**
 * Properties of the eventual checkers (fast-check): a serial execution passes every check and every
 * model each checker can show to hold; dropping an acknowledged element from every read from some
 * point on yields `lost` (naming it); dropping it from one read in the middle yields `stale`; a read
 * lowered below the acknowledged increments yields `counter-read-low`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { checkConvergence, checkCounter, checkSetFull } from '../../src/eventual/index.js';
import { serialHistory, stepArb } from './support/serial.js';

const steps = fc.array(stepArb, { minLength: 1, maxLength: 60 });
const opts = { maxAnomalies: 1000 };

/** The acknowledged adds of a set history: [element, key, completion index]. */
const ackedAdds = (h: Op[]) => h.filter((op) => op.f === 'add' && op.type === 'ok').map((op) => ({ element: op.value, key: op.key!, done: op.index }));

describe('eventual checkers: properties', () => {
  it('a serial execution of a set passes set-full and convergence', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const h = serialHistory(s, 'set');
        const r = checkSetFull(h, opts);
        expect(r.anomalies).toEqual([]);
        expect(r.rulings.eventual.status).toBe('holds');
        expect(r.rulings['read-your-writes'].status).toBe('holds');
        expect(r.rulings['monotonic-reads'].status).toBe('holds');
        expect(r.rulings.linearizable.status).toBe('unknown');
        const c = checkConvergence(h, opts);
        expect(c.anomalies).toEqual([]);
        expect(c.rulings.eventual.status).toBe('holds');
      }),
    );
  });

  it('a serial execution of a counter passes the counter check and convergence', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const h = serialHistory(s, 'counter');
        const r = checkCounter(h, opts);
        expect(r.anomalies).toEqual([]);
        expect(r.rulings.eventual.status).toBe('holds');
        expect(checkConvergence(h, opts).rulings.eventual.status).toBe('holds');
      }),
    );
  });

  it('dropping an acknowledged element from every read after some point yields lost, naming it', () => {
    fc.assert(
      fc.property(steps, fc.nat(), fc.nat(), (s, pick, shift) => {
        const h = serialHistory(s, 'set');
        const acked = ackedAdds(h);
        fc.pre(acked.length > 0);
        const { element, key, done } = acked[pick % acked.length]!;
        const lastRead = h.findLastIndex((op) => op.f === 'read' && op.key === key);
        const from = done + 1 + (shift % (lastRead - done));
        const dropped = h.map((op) => (op.f === 'read' && op.type === 'ok' && op.key === key && op.index >= from ? { ...op, value: (op.value as unknown[]).filter((x) => x !== element) } : op));
        const r = checkSetFull(dropped, opts);
        const lost = r.anomalies.filter((a) => a.kind === 'lost');
        expect(lost.map((a) => a.detail?.element)).toEqual([element]);
        expect(r.rulings.eventual).toEqual({ status: 'ruled-out', by: ['lost'] });
        expect(r.rulings.linearizable.status).toBe('ruled-out');
      }),
    );
  });

  it('dropping an acknowledged element from one read in the middle yields stale, not lost', () => {
    fc.assert(
      fc.property(steps, fc.nat(), (s, pick) => {
        const h = serialHistory(s, 'set');
        const finalFrom = h.findIndex((op) => op.process === 'nemesis');
        const candidates = h.filter((op) => op.f === 'read' && op.type === 'ok' && op.index < finalFrom && (op.value as unknown[]).some((x) => ackedAdds(h).some((a) => a.element === x && a.key === op.key)));
        fc.pre(candidates.length > 0);
        const read = candidates[pick % candidates.length]!;
        const element = (read.value as unknown[]).find((x) => ackedAdds(h).some((a) => a.element === x && a.key === read.key));
        const dropped = h.map((op) => (op === read ? { ...op, value: (op.value as unknown[]).filter((x) => x !== element) } : op));
        const r = checkSetFull(dropped, opts);
        expect(r.anomalies.filter((a) => a.kind === 'stale').map((a) => a.detail?.element)).toEqual([element]);
        expect(r.counts.lost ?? 0).toBe(0);
        expect(r.rulings.linearizable).toEqual({ status: 'ruled-out', by: ['stale'] });
        expect(r.rulings.eventual.status).toBe('holds');
      }),
    );
  });

  it('a counter read lowered below the increments acknowledged before it yields counter-read-low', () => {
    fc.assert(
      fc.property(steps, fc.nat(), (s, pick) => {
        const h = serialHistory(s, 'counter');
        const reads = h.filter((op) => op.f === 'read' && op.type === 'ok' && (op.value as number) > 0);
        fc.pre(reads.length > 0);
        const read = reads[pick % reads.length]!;
        const lowered = h.map((op) => (op === read ? { ...op, value: -1 } : op));
        expect(checkCounter(lowered, opts).anomalies.map((a) => a.kind)).toContain('counter-read-low');
      }),
    );
  });
});
