/**
 * eventual: a self-contained TypeScript checker for the histories of eventually consistent data
 * types — add-only sets (`checkSetFull`, after Jepsen's set-full), counters (`checkCounter`, after
 * Jepsen's counter) and the convergence of replicas after faults heal (`checkConvergence`, for sets,
 * counters and registers). Each judges a Jepsen-style history per key and returns its anomalies (each
 * naming its ops), counts by kind, figures, and a ruling on each model it decides, with the reason in
 * its file's header. It imports nothing from the rest of faultline.
 */
export { checkConvergence, type ConvergenceOptions, type ConvergenceResult } from './convergence.js';
export { checkCounter, COUNTER_RULES, type CounterOptions, type CounterResult } from './counter.js';
export type { Ruling } from './findings.js';
export { checkSetFull, SET_FULL_RULES, type SetFullOptions, type SetFullResult } from './set-full.js';
export { subsetSums } from './subset-sums.js';
export { EventualInputError, type EventualAnomaly, type HistoryOp, type Outcome } from './types.js';
