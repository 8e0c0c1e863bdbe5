/**
 * The set-full checker (Jepsen's set-full through the `src/eventual` engine): adds of unique elements
 * to sets and reads of whole sets, per key. Lost, stale, never-read, duplicated and unexpected
 * elements, read-your-writes and monotonic-reads violations, and the visibility latency of the
 * elements (`stats.visibilityMs`). It rules on `eventual`, `linearizable` (only ever out: stale or
 * lost), `read-your-writes` and `monotonic-reads`; `src/eventual/set-full.ts` says why each is sound.
 */
import type { Checker } from '../core/checker.js';
import { checkSetFull, SET_FULL_RULES } from '../eventual/index.js';
import { eventualChecker, type EventualCheckerOptions } from './eventual-adapter.js';

export { SET_FULL_MODELS } from './eventual-options.js';

/** A set-full checker for validated options. */
export function setFullChecker(o: EventualCheckerOptions): Checker {
  return eventualChecker((history, maxAnomalies) => checkSetFull(history, { maxAnomalies }), o, (run, undecided) => {
    const s = run.stats as { reads: number; neverRead: number };
    if (undecided.includes('linearizable')) return 'set-full can rule linearizability out (stale or lost elements) but never show it holds';
    if (s.reads === 0) return 'no read of any set completed ok: nothing to judge';
    return `${s.neverRead} element(s) were never read after they were known (no final read of their key)`;
  });
}
