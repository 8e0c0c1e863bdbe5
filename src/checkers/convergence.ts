/**
 * The convergence checker (through the `src/eventual` engine): after every fault healed and every
 * update completed, the final reads of every node agree — for sets, counters and registers — and how
 * when, after the heal, they agreed — bounds, not the system's convergence time: agreed by the end of
 * the first agreeing round of final reads (`stats.agreedByUpperBoundMs`, which runs through the
 * quiescence and settle waits before those reads), not yet at the start of the last disagreeing read
 * (`stats.agreedByLowerBoundMs`). It rules on `eventual`.
 */
import type { Checker } from '../core/checker.js';
import { checkConvergence } from '../eventual/index.js';
import { eventualChecker } from './eventual-adapter.js';

/** A convergence checker keeping `maxAnomalies` divergent keys. */
export function convergenceChecker(o: { maxAnomalies: number }): Checker {
  return eventualChecker((history, maxAnomalies) => checkConvergence(history, { maxAnomalies }), { models: ['eventual'], maxAnomalies: o.maxAnomalies }, (run) => {
    const s = run.stats as { undecidedKeys: Record<string, string> };
    const [key, why] = Object.entries(s.undecidedKeys)[0] ?? [];
    const more = Object.keys(s.undecidedKeys).length - 1;
    return key === undefined ? 'the history holds no key to judge' : `key ${JSON.stringify(key)}: ${why}${more > 0 ? ` (and ${more} more keys undecided)` : ''}`;
  });
}
