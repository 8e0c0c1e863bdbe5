/**
 * Properties of the causal search on list-append histories: a strictly serializable execution never
 * yields a causal-cycle nor leaves one undecided; and a read that drops a value whose appender is in the
 * reader's causal past (a chain of transactions each reading the one before, not through that read)
 * always yields one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rulesOut } from '../../src/checkers/elle-models.js';
import { checkListAppend } from '../../src/elle/index.js';
import { causalStaleReads, cutShort } from './support/causal-stale.js';
import { appendSemantics, planArb, runPlan } from './support/serial-history.js';

const opts = { process: false, realtime: false, budget: 1_000_000 };

describe('list-append causal search properties', () => {
  it('finds no causal-cycle and leaves none undecided in a strictly serializable execution', () => {
    fc.assert(
      fc.property(planArb({ keys: 3, maxTxns: 40 }), (plan) => {
        const r = checkListAppend(runPlan(plan, appendSemantics), opts);
        expect(r.anomalies.filter((a) => rulesOut(a.kind, 'transactional-causal'))).toEqual([]);
        expect(r.undecided).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a causal-cycle when a read drops a value appended in its causal past', () => {
    let chains = 0;
    fc.assert(
      fc.property(planArb({ keys: 3, maxTxns: 30, failures: false }), fc.nat(), (plan, pick) => {
        const h = runPlan(plan, appendSemantics);
        const candidates = causalStaleReads(h);
        fc.pre(candidates.length > 0);
        const c = candidates[pick % candidates.length];
        if (c.depth > 1) chains++;
        const stale = cutShort(h, c);
        const found = checkListAppend(stale, opts).anomalies.map((a) => a.kind);
        expect(found, found.join(',')).toContain('causal-cycle');
      }),
      { numRuns: 300 },
    );
    expect(chains).toBeGreaterThan(10);
  });
});
