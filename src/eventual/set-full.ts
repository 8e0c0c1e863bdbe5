/**
 * set-full (after Jepsen's `set-full` checker): adds of unique elements to sets, and reads that return
 * whole sets, judged per key. Every acknowledged add must appear in every read that begins after it
 * completed, and in the final reads. Reported: **lost**, **stale** (with how long until the element
 * appeared), **never-read**, **duplicated** and **unexpected** elements, violations of **read your
 * writes** and **monotonic reads**, and the distribution of visibility latency (set-outcomes.ts and
 * set-reads.ts define each). Adds that ended `info` may appear or not.
 *
 * What each finding rules out, and why that is sound (sets here only grow: there is no remove):
 *  - `eventual` — by lost (a replica's final state, after heal and quiescence, misses an element that
 *    was acknowledged or seen), duplicated and unexpected (a converged state that is not a set, or
 *    holds an element nobody added, is no state the adds could produce). It holds when none was found
 *    and every acknowledged element was read after it was known; unknown otherwise. (Whether the
 *    replicas agree on the elements whose adds are uncertain is the convergence checker's question.)
 *  - `linearizable` — by stale and lost (a read that began after an add completed, or after another
 *    read completed holding the element, must hold it: the add, or that read, is ordered before it,
 *    and nothing removes), duplicated and unexpected. Never shown to hold here: a history can pass
 *    every test above and still have no linearization (two concurrent reads each holding an element
 *    the other lacks), so it is `unknown` otherwise.
 *  - `read-your-writes` and `monotonic-reads` — by their violations; each is checked completely (a
 *    process's own acknowledged adds, and everything its previous read held, against each read), so
 *    each holds when not violated.
 */
import { distributionMs, Findings, type Ruling } from './findings.js';
import { SET_FULL_RULES } from './rules.js';
import { finalReads, groupByKey, quietTime } from './history.js';
import { keepWorst, lostAnomaly, staleAnomaly } from './set-anomalies.js';
import { elementsOf } from './set-elements.js';
import { Fate, outcomesOf } from './set-outcomes.js';
import { scanReads } from './set-reads.js';
import type { EventualAnomaly, HistoryOp } from './types.js';

/** Options of `checkSetFull`. */
export interface SetFullOptions {
  /** Anomalies kept per kind (all are counted). */
  maxAnomalies: number;
  /** The f of adds and of reads (default `add`, `read`). */
  add?: string;
  read?: string;
}

export { SET_FULL_RULES };

/** What set-full found. */
export interface SetFullResult {
  anomalies: EventualAnomaly[];
  /** Findings by kind (all, not only the kept ones). */
  counts: Record<string, number>;
  rulings: Record<keyof typeof SET_FULL_RULES, Ruling>;
  stats: Record<string, unknown>;
}

const TALLY = ['attempted', 'acknowledged', 'uncertain', 'neverRead', 'stable', 'stale', 'lost', 'reads', 'finalReads'] as const;

/** Checks a set history. Throws `EventualInputError` (naming the op) on input it cannot judge. */
export function checkSetFull(history: readonly HistoryOp[], o: SetFullOptions): SetFullResult {
  const addF = o.add ?? 'add';
  const readF = o.read ?? 'read';
  const g = groupByKey(history, readF);
  const found = new Findings(o.maxAnomalies);
  const tally = Object.fromEntries(TALLY.map((k) => [k, 0])) as Record<(typeof TALLY)[number], number>;
  let upper = 0;
  for (const ops of g.keys.values()) upper += ops.length;
  const latencies = new Float64Array(upper);
  let measured = 0;
  const stale: EventualAnomaly[] = [];
  const staleLatency: number[] = [];
  let ackedNeverRead = 0;
  const listed = { neverRead: [] as unknown[], uncertain: [] as unknown[] };
  for (const [key, raw] of g.keys) {
    // A set never added to may read as nothing (null): that is the empty set.
    const ops = raw.some((op) => op.f === readF && op.value === null) ? raw.map((op) => (op.f === readF && op.value === null ? { ...op, value: [] } : op)) : raw;
    const el = elementsOf(key, ops, addF);
    const presence = scanReads(key, ops, el, readF, found);
    // A replica's final read is only known when the history names the nodes; processes are not replicas.
    const finals = g.nodesRecorded ? [...finalReads(ops, quietTime(ops, g.healTime, readF), readF).values()] : [];
    const out = outcomesOf(el, presence, finals);
    tally.reads += presence.reads.length;
    tally.finalReads += finals.length;
    for (let id = 0; id < el.count; id++) {
      const add = el.adds[id];
      tally.attempted++;
      if (add.outcome === 'ok') tally.acknowledged++;
      const fate = out.fate[id];
      if (fate === Fate.uncertain && add.outcome !== 'fail') {
        tally.uncertain++;
        if (listed.uncertain.length < o.maxAnomalies) listed.uncertain.push(add.value);
      } else if (fate === Fate.neverRead) {
        tally.neverRead++;
        if (add.outcome === 'ok') ackedNeverRead++;
        if (listed.neverRead.length < o.maxAnomalies) listed.neverRead.push(add.value);
      } else if (fate === Fate.stable || fate === Fate.stale) {
        tally.stable++;
        latencies[measured++] = out.latency[id];
        if (fate === Fate.stale) {
          tally.stale++;
          keepWorst(stale, staleLatency, () => staleAnomaly(key, el, out, id), out.latency[id], o.maxAnomalies);
        }
      } else if (fate === Fate.lost) {
        tally.lost++;
        found.add('lost', () => lostAnomaly(key, el, out, presence.reads, presence.lastPresent[id], id));
      }
    }
  }
  found.keep(stale, 'stale', tally.stale);
  const rulings = {
    eventual: found.ruling(SET_FULL_RULES.eventual, tally.reads > 0 && ackedNeverRead === 0),
    linearizable: found.ruling(SET_FULL_RULES.linearizable, false),
    'read-your-writes': found.ruling(SET_FULL_RULES['read-your-writes'], true),
    'monotonic-reads': found.ruling(SET_FULL_RULES['monotonic-reads'], true),
  };
  const stats = {
    keys: g.keys.size,
    ...tally,
    duplicated: found.count('duplicated'),
    unexpected: found.count('unexpected'),
    rywViolations: found.count('ryw-violation'),
    mrViolations: found.count('mr-violation'),
    visibilityMs: distributionMs(latencies, measured),
    neverReadElements: listed.neverRead,
    uncertainElements: listed.uncertain,
  };
  return { anomalies: found.anomalies(), counts: { ...found.counts }, rulings, stats };
}
