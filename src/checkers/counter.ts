/**
 * The counter checker (Jepsen's counter through the `src/eventual` engine): every read between the
 * acknowledged and the attempted increments around it, and every final read after the heal exact
 * (the acknowledged increments plus some of those whose outcome is unknown). It rules on `eventual`
 * and `linearizable` (only ever out); `src/eventual/counter.ts` says why each is sound.
 */
import type { Checker } from '../core/checker.js';
import { checkCounter, COUNTER_RULES } from '../eventual/index.js';
import { eventualChecker, type EventualCheckerOptions } from './eventual-adapter.js';

export { COUNTER_MODELS } from './eventual-options.js';

/** A counter checker for validated options. */
export function counterChecker(o: EventualCheckerOptions): Checker {
  return eventualChecker((history, maxAnomalies) => checkCounter(history, { maxAnomalies }), o, (run, undecided) => {
    const s = run.stats as { reads: number; keysWithoutFinal: number; exactUndecided: number };
    if (undecided.includes('linearizable')) return 'the counter bounds can rule linearizability out but never show it holds';
    if (s.reads === 0) return 'no read of any counter completed ok: nothing to judge';
    if (s.keysWithoutFinal > 0) return `${s.keysWithoutFinal} counter(s) have no final read (begun after every fault healed and every increment completed)`;
    return `${s.exactUndecided} counter(s) have too many increments of unknown outcome to tell which final counts they allow`;
  });
}
