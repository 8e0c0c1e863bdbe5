/**
 * The list-append analysis agrees with brute force on small histories: a history is serializable
 * (strong session serializable, strictly serializable) exactly when some order of its committed
 * transactions (respecting process order, real time) explains every read. Histories start strictly serializable and get up to two random corruptions: a
 * read replaced by an arbitrary list of values appended to its key, or an outcome changed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { checkListAppend } from '../../src/elle/index.js';
import { bruteForce, type Order } from './support/brute-force.js';
import { appendSemantics, planArb, runPlan } from './support/serial-history.js';

type Mop = [string, string | number, unknown];

interface Corruption {
  kind: 'read' | 'outcome';
  at: number;
  pick: number[];
  outcome: 'ok' | 'fail' | 'info';
}

const corruption: fc.Arbitrary<Corruption> = fc.record({ kind: fc.constantFrom('read' as const, 'outcome' as const), at: fc.nat(), pick: fc.array(fc.nat(), { maxLength: 4 }), outcome: fc.constantFrom('ok' as const, 'fail' as const, 'info' as const) });

/** Applies one corruption: replaces a read by some appended values of its key, or changes an outcome. */
function corrupt(h: Op[], c: Corruption): Op[] {
  const completions = h.filter((op) => op.type !== 'invoke');
  if (c.kind === 'outcome') {
    const op = completions[c.at % completions.length];
    const invoke = h.filter((o) => o.process === op.process && o.index < op.index && o.type === 'invoke').at(-1) as Op;
    if (op.type === 'info' && c.outcome === 'ok') return h;
    const value = c.outcome === 'ok' ? op.value : invoke.value;
    return h.map((o) => (o === op ? { ...o, type: c.outcome, value } : o));
  }
  const reads = completions.filter((op) => op.type === 'ok').flatMap((op) => (op.value as Mop[]).map((m, i) => ({ op, i, m })).filter((r) => r.m[0] === 'r'));
  if (reads.length === 0) return h;
  const r = reads[c.at % reads.length];
  const values = [...new Set(h.flatMap((op) => (op.value as Mop[] | null ?? []).filter((m) => m[0] === 'append' && m[1] === r.m[1]).map((m) => m[2])))];
  const list = values.length === 0 ? [] : c.pick.map((p) => values[p % values.length]);
  return h.map((o) => (o === r.op ? { ...o, value: (o.value as Mop[]).map((m, i) => (i === r.i ? [m[0], m[1], list] : m)) } : o));
}

/** No anomaly at all, with the order edges of `order`: every anomaly kind rules out the model asked. */
const valid = (h: Op[], order: Order): boolean =>
  checkListAppend(h, { process: order !== 'none', realtime: order === 'realtime', budget: 1_000_000 }).anomalies.length === 0;

describe('list-append against brute force', () => {
  it('agrees on serializability, strong session and strict serializability of small corrupted histories', () => {
    let invalid = 0;
    fc.assert(
      fc.property(planArb({ keys: 2, maxTxns: 5, maxMops: 3 }), fc.array(corruption, { maxLength: 2 }), (plan, cs) => {
        const h = cs.reduce(corrupt, runPlan(plan, appendSemantics));
        const strict = bruteForce(h, appendSemantics, 'realtime');
        if (!strict) invalid++;
        expect(valid(h, 'none'), 'serializable').toBe(bruteForce(h, appendSemantics, 'none'));
        expect(valid(h, 'process'), 'strong-session-serializable').toBe(bruteForce(h, appendSemantics, 'process'));
        expect(valid(h, 'realtime'), 'strict-serializable').toBe(strict);
      }),
      { numRuns: 1500 },
    );
    expect(invalid).toBeGreaterThan(200);
  });
});
