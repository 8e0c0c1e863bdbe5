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
import { corrupt, corruption } from './support/corrupt.js';
import { appendSemantics, planArb, runPlan } from './support/serial-history.js';

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
