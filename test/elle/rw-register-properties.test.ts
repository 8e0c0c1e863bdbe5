/**
 * Properties of the rw-register analysis. A strictly serializable execution has no anomaly even with
 * every assumption on (each holds in such an execution), and a stale read of the initial state put into
 * one is found. A register's version order is only partly
 * known, so the analysis cannot agree with brute force both ways; it must be sound: whatever model it
 * rules out on a small corrupted history, brute force finds no order for (serial, serial in process
 * order, serial in real-time order); and whatever model results.json says holds (after the lattice
 * spreads the checker's rulings), brute force finds an order for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rwRegisterEntry } from '../../src/checkers/rw-register-entry.js';
import type { Op } from '../../src/core/op.js';
import { checkRwRegister, impliedKinds } from '../../src/elle/index.js';
import { modelVerdicts } from '../../src/runner/results.js';
import { bruteForce } from './support/brute-force.js';
import { planArb, registerSemantics, runPlan } from './support/serial-history.js';
import { checkerOptionsSchema } from '../../src/checkers/option-schemas.js';

type Mop = [string, string | number, unknown];
const all = { process: true, realtime: true, budget: 1_000_000, wfrKeys: true, sequentialKeys: true, linearizableKeys: true };

/** Replaces read number `at` by another value written to its key (or null), or changes an outcome. */
function corrupt(h: Op[], c: { read: boolean; at: number; pick: number; outcome: 'ok' | 'fail' | 'info' }): Op[] {
  const completions = h.filter((op) => op.type !== 'invoke');
  if (!c.read) {
    const op = completions[c.at % completions.length];
    const invoke = h.filter((o) => o.process === op.process && o.index < op.index && o.type === 'invoke').at(-1) as Op;
    if (op.type === 'info' && c.outcome === 'ok') return h;
    return h.map((o) => (o === op ? { ...o, type: c.outcome, value: c.outcome === 'ok' ? op.value : invoke.value } : o));
  }
  const reads = completions.filter((op) => op.type === 'ok').flatMap((op) => (op.value as Mop[]).map((m, i) => ({ op, i, m })).filter((r) => r.m[0] === 'r'));
  if (reads.length === 0) return h;
  const r = reads[c.at % reads.length];
  const values = [null, ...new Set(h.flatMap((op) => ((op.value as Mop[] | null) ?? []).filter((m) => m[0] === 'w' && m[1] === r.m[1]).map((m) => m[2])))];
  const v = values[c.pick % values.length];
  return h.map((o) => (o === r.op ? { ...o, value: (o.value as Mop[]).map((m, i) => (i === r.i ? [m[0], m[1], v] : m)) } : o));
}

const corruption = fc.record({ read: fc.boolean(), at: fc.nat(), pick: fc.nat(), outcome: fc.constantFrom('ok' as const, 'fail' as const, 'info' as const) });

describe('rw-register properties', () => {
  it('finds no anomaly in a strictly serializable execution, with every assumption on', () => {
    fc.assert(
      fc.property(planArb({ keys: 3, maxTxns: 40 }), (plan) => {
        expect(checkRwRegister(runPlan(plan, registerSemantics), all).anomalies.map((a) => a.kind)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds G-single-realtime when a read returns the initial state after a write of the key completed', () => {
    fc.assert(
      fc.property(planArb({ keys: 3, maxTxns: 30, failures: false }), fc.nat(), (plan, pick) => {
        const h = runPlan(plan, registerSemantics);
        const completedAt = new Map<string, number>();
        for (const op of h) if (op.type === 'ok') for (const [f, k, v] of op.value as Mop[]) if (f === 'w') completedAt.set(`${k}/${v}`, op.index);
        const invokeOf = (op: Op): number => h.filter((o) => o.process === op.process && o.index < op.index && o.type === 'invoke').at(-1)!.index;
        const stale = h.flatMap((op) =>
          op.type !== 'ok'
            ? []
            : (op.value as Mop[]).flatMap(([f, k, v], at) => {
                const alone = (op.value as Mop[]).filter((m) => m[1] === k).length === 1;
                return f === 'r' && v !== null && alone && (completedAt.get(`${k}/${v}`) ?? Infinity) < invokeOf(op) ? [{ op, at }] : [];
              }),
        );
        fc.pre(stale.length > 0);
        const { op, at } = stale[pick % stale.length];
        const h2 = h.map((o) => (o !== op ? o : { ...o, value: (o.value as Mop[]).map((m, i) => (i === at ? [m[0], m[1], null] : m)) }));
        const found = checkRwRegister(h2, all).anomalies.map((a) => a.kind);
        expect(found.some((k) => k === 'G-single-realtime' || impliedKinds(k).has('G-single-realtime')), found.join(',')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('rules out only models brute force also finds violated, and says hold only models brute force finds an order for', async () => {
    const checker = rwRegisterEntry.create(checkerOptionsSchema(rwRegisterEntry).parse({}));
    const test = { name: 't', workload: 'rw-register', target: 't', concurrency: 3, seed: 1 };
    let ruledOut = 0;
    let held = 0;
    await fc.assert(
      fc.asyncProperty(planArb({ keys: 2, maxTxns: 5, maxMops: 3 }), fc.array(corruption, { maxLength: 2 }), async (plan, cs) => {
        const h = cs.reduce(corrupt, runPlan(plan, registerSemantics));
        const r = await checker.check(test, h, {});
        const out = (m: string): boolean => r.models?.[m]?.status === 'ruled-out';
        for (const a of r.anomalies ?? []) for (const s of (a.detail as { steps?: { why: string }[] }).steps ?? []) expect(s.why).not.toMatch(/^T\d+ precedes T\d+$/);
        if (out('strict-serializable')) ruledOut++;
        if (out('serializable')) expect(bruteForce(h, registerSemantics, 'none'), 'serializable').toBe(false);
        if (out('strong-session-serializable')) expect(bruteForce(h, registerSemantics, 'process'), 'strong-session-serializable').toBe(false);
        if (out('strict-serializable')) expect(bruteForce(h, registerSemantics, 'realtime'), 'strict-serializable').toBe(false);
        const spread = modelVerdicts({ 'rw-register': r }, []);
        const holds = (m: string): boolean => spread[m]?.status === 'holds';
        if (holds('strict-serializable')) held++;
        for (const [m, order] of [['serializable', 'none'], ['strong-session-serializable', 'process'], ['strict-serializable', 'realtime']] as const) {
          if (holds(m)) expect(bruteForce(h, registerSemantics, order), `${m} said to hold`).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
    expect(ruledOut).toBeGreaterThan(200);
    expect(held).toBeGreaterThan(50);
  });
});
