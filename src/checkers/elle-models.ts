/**
 * What the Elle-style checkers' anomalies say about consistency models: one table from each anomaly kind
 * to the weakest models it rules out directly (stronger ones follow through the lattice in
 * `src/core/models.ts`), and the verdicts a checker reports from the anomalies it found.
 *
 * The table, after Adya's thesis, Elle's consistency-model map and Cerone et al.'s axioms:
 *  - G0 (write cycle), duplicate-elements: read uncommitted (Adya PL-1 forbids G0); garbage-read (a value
 *    no transaction wrote, out of thin air) is allowed by no model at all, so it rules out the weakest.
 *  - G1a, G1b, G1c (aborted, intermediate reads, cycles of ww/wr): read committed (PL-2 forbids G1);
 *    incompatible-order and dirty-update imply an aborted read (Elle), future-read is a one-transaction
 *    G1c.
 *  - internal (a read disagrees with the transaction's own earlier reads and writes) and
 *    fractured-read (a transaction saw one of another's writes but missed another): read atomic
 *    (Cerone et al.'s INT and atomic visibility).
 *  - G-single, G-nonadjacent: snapshot isolation (forbids cycles whose rw edges are never adjacent) and
 *    repeatable read (PL-2.99 forbids item anti-dependency cycles, which these are).
 *  - G2-item: repeatable read. lost-update: repeatable read and snapshot isolation.
 *  - causal-cycle (a read missed a write of its causal past, see `src/elle/causal.ts`): transactional
 *    causal (Cerone et al.'s causal consistency without sessions; snapshot isolation, and so
 *    serializability, follow through the lattice). Transactional causal is ruled out also by everything
 *    that rules out read atomic; a G-single alone does not rule it out (a long fork is causal).
 *  - Any `-process` cycle: strong session serializable; any `-realtime` cycle: strict serializable.
 */
import { strongerModels, weakerModels, type ModelVerdicts } from '../core/models.js';

/** The weakest models each anomaly kind rules out. */
export const ANOMALY_MODELS: Readonly<Record<string, readonly string[]>> = {
  G0: ['read-uncommitted'],
  'duplicate-elements': ['read-uncommitted'],
  'garbage-read': ['read-uncommitted'],
  G1a: ['read-committed'],
  G1b: ['read-committed'],
  G1c: ['read-committed'],
  'incompatible-order': ['read-committed'],
  'dirty-update': ['read-committed'],
  'future-read': ['read-committed'],
  internal: ['read-atomic'],
  'fractured-read': ['read-atomic'],
  'G-single': ['snapshot-isolation', 'repeatable-read'],
  'G-nonadjacent': ['snapshot-isolation', 'repeatable-read'],
  'G2-item': ['repeatable-read'],
  'lost-update': ['snapshot-isolation', 'repeatable-read'],
  'causal-cycle': ['transactional-causal'],
};

/** The weakest models an anomaly kind rules out (process and real-time variants included). */
export function modelsRuledOutBy(kind: string): readonly string[] {
  if (kind.endsWith('-realtime')) return ['strict-serializable'];
  if (kind.endsWith('-process')) return ['strong-session-serializable'];
  return ANOMALY_MODELS[kind] ?? [];
}

/** True when finding `kind` rules out `model` (directly or through a weaker model). */
export function rulesOut(kind: string, model: string): boolean {
  return modelsRuledOutBy(kind).some((m) => m === model || strongerModels(m).has(model));
}

/** What a checker could decide in one run. */
export interface Coverage {
  /** The models the user asked about. */
  checked: readonly string[];
  /** The models the checker rules on at all (its registry entry's `models`). */
  rulesOn: readonly string[];
  /** Models it can show to hold given the edges it built; others it can only rule out. */
  decidable: (model: string) => boolean;
}

/**
 * Verdicts from the anomaly kinds found and the cycle kinds left undecided: a model is ruled out by
 * every found kind that rules it out; otherwise, if it is a checked model or weaker than one, it holds
 * when the checker can decide it and no undecided kind might rule it out, and is unknown otherwise.
 */
export function elleVerdicts(found: readonly string[], undecided: readonly string[], cov: Coverage): ModelVerdicts {
  const inScope = new Set(cov.checked);
  for (const m of cov.checked) for (const w of weakerModels(m)) inScope.add(w);
  const out: ModelVerdicts = {};
  for (const m of cov.rulesOn) {
    const by = [...new Set(found.filter((k) => rulesOut(k, m)))].sort();
    if (by.length > 0) out[m] = { status: 'ruled-out', by };
    else if (inScope.has(m) && cov.decidable(m)) {
      out[m] = { status: undecided.some((k) => rulesOut(k, m)) ? 'unknown' : 'holds', by: [] };
    } else if (inScope.has(m)) out[m] = { status: 'unknown', by: [] };
  }
  return out;
}

/** The models the list-append checker rules on. */
export const LIST_APPEND_MODELS = [
  'strict-serializable',
  'strong-session-serializable',
  'serializable',
  'snapshot-isolation',
  'repeatable-read',
  'transactional-causal',
  'read-atomic',
  'read-committed',
  'read-uncommitted',
] as const;

/** The models the rw-register checker rules on (the same as list-append's). */
export const RW_REGISTER_MODELS = LIST_APPEND_MODELS;
