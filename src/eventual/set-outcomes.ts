/**
 * What became of each element of a set, after Jepsen's set-full. An element is **known** from the
 * earlier of its add's `ok` completion and the completion of the first read that held it; an element
 * never known (its add ended `info` or never completed, and no read held it) may or may not have been
 * added, and is only counted (`uncertain`). Of the reads that began after it was known:
 *  - none: **never-read**;
 *  - the last one (in invoke order) lacks it, and no read after that holds it: **lost** (also when
 *    no read ever held it). When the history names the node of each op, a known element missing
 *    from a final read (the last read of a node that began after the key went quiet: every fault
 *    healed, every add completed) is lost too: that node's state never got it;
 *  - otherwise it is **stable**: every read that began after the last read lacking it holds it. If
 *    such a lacking read began after it was known, the element was **stale** there, and its
 *    visibility latency is at least the time from known to that read's invoke (0 when no read after
 *    known lacked it).
 * With the last lacking read found in O(1) from the run of consecutive reads that held the element
 * last (set-reads.ts): if the last read of all holds it, the lacking read just before that run;
 * otherwise the last read of all.
 */
import type { ClientOp } from './history.js';
import type { Elements } from './set-elements.js';
import type { Presence } from './set-reads.js';

/** An element's fate: 0 uncertain, 1 never-read, 2 stable, 3 stale, 4 lost. */
export const Fate = { uncertain: 0, neverRead: 1, stable: 2, stale: 3, lost: 4 } as const;

/** Per element: its fate, when it was known, the read that proved staleness or loss, and its latency. */
export interface Outcomes {
  fate: Uint8Array;
  known: Float64Array;
  /** For stale and lost elements: the lacking read (a read of `Presence.reads`, or a final read). */
  lacking: (ClientOp | undefined)[];
  /** Visibility latency in ns (stable and stale elements; 0 for stable). */
  latency: Float64Array;
}

/** First index of `times` (non-decreasing) whose value is > t. */
function firstAfter(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Decides every element's fate; `finals` are the key's final reads (one per replica). */
export function outcomesOf(el: Elements, p: Presence, finals: readonly ClientOp[]): Outcomes {
  const n = el.count;
  const r = p.reads.length;
  const invokes = Float64Array.from(p.reads, (x) => x.invokeTime);
  const fate = new Uint8Array(n);
  const known = new Float64Array(n).fill(Infinity);
  const latency = new Float64Array(n);
  const lacking: (ClientOp | undefined)[] = new Array(n);
  for (let id = 0; id < n; id++) {
    const add = el.adds[id];
    if (add.outcome === 'fail') continue;
    const k = Math.min(add.outcome === 'ok' ? add.completeTime : Infinity, p.firstSeen[id]);
    known[id] = k;
    if (k === Infinity) continue;
    const first = firstAfter(invokes, k);
    if (first === r) {
      fate[id] = Fate.neverRead;
      continue;
    }
    const last = p.lastPresent[id];
    const absent = last === r - 1 ? p.runStart[id] - 1 : r - 1;
    if (absent >= first && absent > last) {
      fate[id] = Fate.lost;
      lacking[id] = p.reads[absent];
    } else if (absent >= first) {
      fate[id] = Fate.stale;
      lacking[id] = p.reads[absent];
      latency[id] = p.reads[absent].invokeTime - k;
    } else fate[id] = Fate.stable;
  }
  for (const f of finals) lostFromFinal(el, f, fate, known, lacking);
  return { fate, known, lacking, latency };
}

/** Marks lost every known element that a final read, begun after it was known, lacks. */
function lostFromFinal(el: Elements, f: ClientOp, fate: Uint8Array, known: Float64Array, lacking: (ClientOp | undefined)[]): void {
  const held = new Uint8Array(el.count);
  for (const x of f.value as unknown[]) {
    const id = el.idOf(x);
    if (id >= 0) held[id] = 1;
  }
  for (let id = 0; id < el.count; id++) {
    if (held[id] || fate[id] === Fate.lost || fate[id] === Fate.uncertain || known[id] >= f.invokeTime) continue;
    fate[id] = Fate.lost;
    lacking[id] = f;
  }
}
