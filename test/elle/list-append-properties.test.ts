/**
 * Properties of the list-append analysis: a strictly serializable execution has no anomaly, whatever
 * the interleaving, failures and unknown outcomes; and a known corruption of such a history yields its
 * anomaly (or a more severe one that implies it, found first in the same component).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { checkListAppend, impliedKinds, type AnomalyKind, type CycleKind } from '../../src/elle/index.js';
import { appendSemantics, planArb, runPlan } from './support/serial-history.js';

const opts = { process: true, realtime: true, budget: 1_000_000 };
const kinds = (h: Op[]): AnomalyKind[] => checkListAppend(h, opts).anomalies.map((a) => a.kind);
const covers = (found: AnomalyKind[], want: CycleKind): boolean =>
  found.some((k) => k === want || impliedKinds(k).has(want));
type Mop = [string, string | number, unknown];

/** The ok completions whose micro-op `m` is a read, with the position of the read. */
function reads(h: Op[]): { op: Op; at: number; list: number[] }[] {
  const out: { op: Op; at: number; list: number[] }[] = [];
  for (const op of h) {
    if (op.type !== 'ok') continue;
    (op.value as Mop[]).forEach(([f, , v], at) => {
      if (f === 'r') out.push({ op, at, list: v as number[] });
    });
  }
  return out;
}

const withRead = (h: Op[], op: Op, at: number, list: unknown[]): Op[] =>
  h.map((o) => (o !== op ? o : { ...o, value: (o.value as Mop[]).map((m, i) => (i === at ? [m[0], m[1], list] : m)) }));

describe('list-append properties', () => {
  it('finds no anomaly in a strictly serializable execution', () => {
    fc.assert(
      fc.property(planArb({ keys: 3, maxTxns: 40 }), (plan) => {
        expect(kinds(runPlan(plan, appendSemantics))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds G1a when a transaction whose append another read is marked failed', () => {
    fc.assert(
      fc.property(planArb({ keys: 3, maxTxns: 30 }), fc.nat(), (plan, pick) => {
        const h = runPlan(plan, appendSemantics);
        const writerOf = new Map<string, Op>();
        for (const op of h) if (op.type === 'ok') for (const [f, k, v] of op.value as Mop[]) if (f === 'append') writerOf.set(`${k}/${v}`, op);
        const pairs = reads(h).flatMap((r) => {
          const key = (r.op.value as Mop[])[r.at][1];
          return r.list.map((v) => writerOf.get(`${key}/${v}`)).filter((w): w is Op => w !== undefined && w !== r.op);
        });
        fc.pre(pairs.length > 0);
        const w = pairs[pick % pairs.length];
        expect(kinds(h.map((o) => (o !== w ? o : { ...o, type: 'fail' as const })))).toContain('G1a');
      }),
      { numRuns: 200 },
    );
  });

  it('finds G-single-realtime when a read leaves out an append that completed before it began', () => {
    fc.assert(
      fc.property(planArb({ keys: 3, maxTxns: 30, failures: false }), fc.nat(), (plan, pick) => {
        const h = runPlan(plan, appendSemantics);
        const completedAt = new Map<string, number>();
        for (const op of h) if (op.type === 'ok') for (const [f, k, v] of op.value as Mop[]) if (f === 'append') completedAt.set(`${k}/${v}`, op.index);
        const invokeOf = (op: Op): number => h.filter((o) => o.process === op.process && o.index < op.index && o.type === 'invoke').at(-1)!.index;
        const candidates = reads(h).flatMap((r) => {
          const key = (r.op.value as Mop[])[r.at][1];
          const alone = (r.op.value as Mop[]).filter((m) => m[1] === key).length === 1;
          return alone ? r.list.map((v, i) => ({ ...r, i, ok: (completedAt.get(`${key}/${v}`) ?? Infinity) < invokeOf(r.op) })).filter((c) => c.ok) : [];
        });
        fc.pre(candidates.length > 0);
        const c = candidates[pick % candidates.length];
        const r = checkListAppend(withRead(h, c.op, c.at, c.list.slice(0, c.i)), opts);
        const found = r.anomalies.map((a) => a.kind);
        expect(covers(found, 'G-single-realtime'), found.join(',')).toBe(true);
        // Every step of every cycle is explained by its key and values, not just asserted.
        for (const a of r.anomalies) for (const s of a.cycle?.steps ?? []) expect(s.why).not.toMatch(/^T\d+ precedes T\d+$/);
      }),
      { numRuns: 200 },
    );
  });

  it('finds duplicate-elements when a read repeats an element, and incompatible-order when two reads disagree', () => {
    fc.assert(
      fc.property(planArb({ keys: 2, maxTxns: 30, failures: false }), fc.nat(), (plan, pick) => {
        const h = runPlan(plan, appendSemantics);
        const rs = reads(h).filter((r) => r.list.length >= 2);
        fc.pre(rs.length > 0);
        const r = rs[pick % rs.length];
        expect(kinds(withRead(h, r.op, r.at, [...r.list, r.list[0]]))).toContain('duplicate-elements');
        const swapped = [r.list[1], r.list[0], ...r.list.slice(2)];
        const others = reads(h).filter((o) => (o.op !== r.op || o.at !== r.at) && (o.op.value as Mop[])[o.at][1] === (r.op.value as Mop[])[r.at][1] && o.list.length >= 2);
        if (others.length > 0) expect(kinds(withRead(h, r.op, r.at, swapped))).toContain('incompatible-order');
      }),
      { numRuns: 200 },
    );
  });
});
