/**
 * elle: a self-contained TypeScript checker for transactional histories in the manner of Elle
 * (Kingsbury and Alvaro, "Elle: Inferring Isolation Anomalies from Experimental Observations", VLDB 2020).
 * It imports nothing from the rest of faultline.
 *
 * `checkListAppend(history, opts)` and `checkRwRegister(history, opts)` infer the dependencies between
 * the transactions of a history — write-write, write-read and read-write (anti-) dependencies from what
 * the reads observed, plus process and real-time order — and report every anomaly they prove: direct
 * ones (aborted and intermediate reads, internal inconsistency, lost updates, …) and dependency cycles,
 * each the shortest of its class in its strongly connected component, classified as G0, G1c, G-single,
 * G-nonadjacent or G2-item, with `-process` / `-realtime` variants — and reads that missed a write of
 * their causal past (`causal-cycle`, transactional causal consistency; see `causal.ts`).
 */
import { analyse } from './analyse.js';
import { listAppend } from './list-append/index.js';
import { rwRegister, type RwRegisterOptions } from './rw-register/index.js';
import type { ElleOptions, ElleResult, HistoryOp } from './types.js';

export { classify, impliedKinds } from './cycle-kinds.js';
export { ElleInputError } from './errors.js';
export { CYCLE_KINDS, DIRECT_KINDS } from './types.js';
export type { RwRegisterOptions } from './rw-register/index.js';
export type { AnomalyKind, CycleKind, CycleStep, DirectKind, ElleAnomaly, ElleOptions, ElleResult, HistoryOp, Key, Txns } from './types.js';

/** Checks a list-append history. Throws `ElleInputError` (naming the op) on malformed input. */
export function checkListAppend(history: readonly HistoryOp[], opts: ElleOptions): ElleResult {
  return analyse(history, listAppend, opts);
}

/**
 * Checks an rw-register history. `opts` also says which assumptions may order versions; an anomaly that
 * needs one rules out only the models that imply it (it carries the `-process` or `-realtime` suffix).
 */
export function checkRwRegister(history: readonly HistoryOp[], opts: ElleOptions & RwRegisterOptions): ElleResult {
  return analyse(history, rwRegister(opts), opts);
}
