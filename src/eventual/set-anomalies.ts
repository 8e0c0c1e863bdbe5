/**
 * The lost and stale anomalies of set-full, built from an element's outcome (set-outcomes.ts): which
 * add, which reads, and why; and the list of the stale elements slowest to become visible, which is
 * what set-full keeps of them (it counts them all).
 */
import { msText } from './findings.js';
import type { ClientOp } from './history.js';
import type { Elements } from './set-elements.js';
import type { Outcomes } from './set-outcomes.js';
import { at } from './set-reads.js';
import { keyText, show, type EventualAnomaly } from './types.js';

/** Keeps the `max` anomalies of greatest latency, worst first (building only those it keeps). */
export function keepWorst(kept: EventualAnomaly[], lat: number[], build: () => EventualAnomaly, latency: number, max: number): void {
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

/** The stale anomaly of element `id`: the read that lacked it, and the latency it proves. */
export function staleAnomaly(key: string, el: Elements, out: Outcomes, id: number): EventualAnomaly {
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

/** The lost anomaly of element `id`: the last read that held it (`last`, or -1) and the read it is missing from. */
export function lostAnomaly(key: string, el: Elements, out: Outcomes, reads: ClientOp[], last: number, id: number): EventualAnomaly {
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
