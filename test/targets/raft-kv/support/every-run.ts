/**
 * Property checks whose runs are never cut short. fast-check's `interruptAfterTimeLimit` ends a
 * property early and reports success on however many runs fitted in the time, so on a loaded
 * machine a property meant for 400 runs could pass on 40. Here every one of `numRuns` runs happens,
 * however long it takes; only the shrinking of a failure is bounded: the first failure is found
 * without shrinking, then replayed from its seed and path and shrunk for at most `shrinkMs` (an
 * unbounded shrink of a 600-step schedule took 110 s here).
 */
import fc from 'fast-check';

/** Runs `property` exactly `numRuns` times (fewer only on a failure, which is thrown, shrunk). */
export function assertEveryRun<Ts>(property: fc.IProperty<Ts>, numRuns: number, shrinkMs = 30_000): void {
  const found = fc.check(property, { numRuns, endOnFailure: true });
  if (!found.failed) return;
  try {
    fc.assert(property, { seed: found.seed, path: found.counterexamplePath ?? undefined, numRuns, interruptAfterTimeLimit: shrinkMs });
  } catch (e) {
    const message = `run ${found.numRuns} of ${numRuns} failed (seed ${found.seed}); shrunk for at most ${shrinkMs} ms:\n${(e as Error).message}`;
    throw new Error(message, { cause: e });
  }
  // The replay passed: the property is not deterministic. Report the failure as first found.
  throw new Error(`${fc.defaultReportMessage(found)}\n(the replay from this seed and path passed: the property is not deterministic)`);
}
