/**
 * The convergence checker (through the `src/eventual` engine): after every fault healed and every
 * update completed, the final reads of every node agree — for sets, counters and registers — and how
 * long from the heal they took to agree (`stats.convergenceMs`). It rules on `eventual`.
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
