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
import { distributionMs, Findings, msText, type Ruling } from './findings.js';
import { finalReads, groupByKey, quietTime, type ClientOp } from './history.js';
import { elementsOf, type Elements } from './set-elements.js';
import { Fate, outcomesOf, type Outcomes } from './set-outcomes.js';
import { at, scanReads } from './set-reads.js';
import { keyText, show, type EventualAnomaly, type HistoryOp } from './types.js';

/** Options of `checkSetFull`. */
export interface SetFullOptions {
  /** Anomalies kept per kind (all are counted). */
  maxAnomalies: number;
  /** The f of adds and of reads (default `add`, `read`). */
  add?: string;
  read?: string;
}

/** The models set-full rules on, with the kinds that rule each out. */
export const SET_FULL_RULES = {
  eventual: ['lost', 'duplicated', 'unexpected'],
  linearizable: ['stale', 'lost', 'duplicated', 'unexpected'],
  'read-your-writes': ['ryw-violation'],
  'monotonic-reads': ['mr-violation'],
} as const;

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
  for (const [key, ops] of g.keys) {
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

/** Keeps the `max` anomalies of greatest latency, worst first (building only those it keeps). */
function keepWorst(kept: EventualAnomaly[], lat: number[], build: () => EventualAnomaly, latency: number, max: number): void {
  if (kept.length >= max && latency <= lat[lat.length - 1]) return;
  const a = build();
  let i = lat.length;
  while (i > 0 && lat[i - 1] < latency) i--;
  kept.splice(i, 0, a);
  lat.splice(i, 0, latency);
  if (kept.length > max) {
    kept.pop();
    lat.pop();
  }
}

function knownText(el: Elements, out: Outcomes, id: number): string {
  const add = el.adds[id];
  return add.outcome === 'ok' && add.completeTime === out.known[id] ? `acknowledged by op ${add.invokeIndex}` : `seen by a read (its add, op ${add.invokeIndex}, ended ${add.outcome})`;
}

function staleAnomaly(key: string, el: Elements, out: Outcomes, id: number): EventualAnomaly {
  const add = el.adds[id];
  const r = out.lacking[id]!;
  return {
    kind: 'stale',
    key,
    ops: [add.invokeIndex, r.invokeIndex],
    explanation:
      `Element ${show(add.value)} of ${keyText(key)} was ${knownText(el, out, id)}, yet op ${r.invokeIndex} (read${at(r)}), begun ${msText(out.latency[id])} later, lacked it; ` +
      `every read begun after that one holds it, so it took at least ${msText(out.latency[id])} to become visible.`,
    detail: { element: add.value, latencyMs: Math.round(out.latency[id] / 1e4) / 100 },
  };
}

function lostAnomaly(key: string, el: Elements, out: Outcomes, reads: ClientOp[], last: number, id: number): EventualAnomaly {
  const add = el.adds[id];
  const r = out.lacking[id]!;
  const seen = last >= 0 ? reads[last] : undefined;
  const lastText = seen ? `last held by op ${seen.invokeIndex} (read${at(seen)})` : 'never held by any read';
  return {
    kind: 'lost',
    key,
    ops: [add.invokeIndex, ...(seen ? [seen.invokeIndex] : []), r.invokeIndex],
    explanation:
      `Element ${show(add.value)} of ${keyText(key)} was ${knownText(el, out, id)} and is lost: ${lastText}, it is missing from op ${r.invokeIndex} (read${at(r)}), ` +
      `${r === reads[reads.length - 1] ? 'the last read of the key' : 'a final read (begun after every fault healed and every add completed)'}.`,
    detail: { element: add.value, lastPresent: seen?.invokeIndex ?? null, absentFrom: r.invokeIndex },
  };
}
