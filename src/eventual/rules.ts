/**
 * The models the eventual checkers rule on, each with the anomaly kinds that rule it out (why each
 * kind does is argued in the checker's own header: counter.ts, set-full.ts). Kept in a module of
 * their own, importing nothing, so that the checker registry can list the models without loading the
 * checkers.
 */

/** The models the counter checker rules on, with the kinds that rule each out. */
export const COUNTER_RULES = { eventual: ['final-read-wrong'], linearizable: ['counter-read-low', 'counter-read-high'] } as const;

/** The models set-full rules on, with the kinds that rule each out. */
export const SET_FULL_RULES = {
  eventual: ['lost', 'duplicated', 'unexpected'],
  linearizable: ['stale', 'lost', 'duplicated', 'unexpected'],
  'read-your-writes': ['ryw-violation'],
  'monotonic-reads': ['mr-violation'],
} as const;
