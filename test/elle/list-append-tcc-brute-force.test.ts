/**
 * The list-append analysis agrees with a brute-force abstract-execution search on transactional causal
 * consistency: on small corrupted histories, some anomaly that rules the model out is found exactly
 * when no visibility and arbitration explain the reads (`support/tcc-brute-force.ts`). Histories start
 * strictly serializable and get up to two random corruptions, as in the serializability agreement test,
 * or reads cut short; and reads cut short after a causal chain, which both must find violate the model
 * (often with nothing but the causal search to say so).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rulesOut } from '../../src/checkers/elle-models.js';
import type { Op } from '../../src/core/op.js';
import { checkListAppend } from '../../src/elle/index.js';
import { causalStaleReads, cutShort } from './support/causal-stale.js';
import { corrupt, corruptions } from './support/corrupt.js';
import { appendSemantics, planArb, runPlan } from './support/serial-history.js';
import { tccBruteForce } from './support/tcc-brute-force.js';

const tccHolds = (h: Op[]): boolean => {
  const r = checkListAppend(h, { process: false, realtime: false, budget: 1_000_000 });
  expect(r.undecided).toEqual([]);
  return !r.anomalies.some((a) => rulesOut(a.kind, 'transactional-causal'));
};

describe('list-append transactional causal consistency against brute force', () => {
  it('agrees on small corrupted histories', () => {
    let violated = 0;
    let causal = 0;
    fc.assert(
      fc.property(planArb({ keys: 3, maxTxns: 5, maxMops: 3 }), fc.array(corruptions({ stale: true }), { maxLength: 2 }), (plan, cs) => {
        const h = cs.reduce(corrupt, runPlan(plan, appendSemantics));
        const oracle = tccBruteForce(h);
        if (!oracle) violated++;
        const kinds = checkListAppend(h, { process: false, realtime: false, budget: 1_000_000 }).anomalies.map((a) => a.kind);
        if (kinds.includes('causal-cycle')) causal++;
        expect(tccHolds(h), kinds.join(',')).toBe(oracle);
      }),
      { numRuns: 1500 },
    );
    expect(violated).toBeGreaterThan(200);
    expect(causal).toBeGreaterThan(10);
  });

  it('agrees on reads cut short after a causal chain, which violate the model', () => {
    let alone = 0;
    fc.assert(
      fc.property(planArb({ keys: 3, maxTxns: 5, maxMops: 3, failures: false }), fc.nat(), (plan, pick) => {
        const h = runPlan(plan, appendSemantics);
        const candidates = causalStaleReads(h);
        fc.pre(candidates.length > 0);
        const stale = cutShort(h, candidates[pick % candidates.length]);
        expect(tccBruteForce(stale)).toBe(false);
        expect(tccHolds(stale)).toBe(false);
        const kinds = checkListAppend(stale, { process: false, realtime: false, budget: 1_000_000 }).anomalies.map((a) => a.kind);
        // Decided by the causal search alone: nothing else rules the model out.
        if (!kinds.some((k) => k !== 'causal-cycle' && rulesOut(k, 'transactional-causal'))) alone++;
      }),
      { numRuns: 400 },
    );
    expect(alone).toBeGreaterThan(10);
  });
});
